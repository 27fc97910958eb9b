import BANK_HOLIDAY_DATA from './bank-holidays.england-and-wales.json';

/**
 * The England and Wales bank holidays as data (`bank-holidays.england-and-wales.json`, source in the file), not a
 * rule in code: a proclaimed one-off holiday is a line added there. The data covers dates up to `coversThrough`;
 * a caller asking past it must refuse or flag rather than count an unknown bank holiday as an ordinary day.
 * Shared by consultations (working days of a response target) and the directory (services closed on bank holidays).
 */

/** A calendar date `YYYY-MM-DD` in Europe/London (no time, no zone). */
export type LocalDate = string;

export interface BankHolidayCalendar {
  /** The last date the list is known to be complete for. */
  coversThrough: LocalDate;
  dates: readonly LocalDate[];
}

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: BankHolidayCalendar = {
  coversThrough: BANK_HOLIDAY_DATA.coversThrough,
  dates: BANK_HOLIDAY_DATA.dates,
};
