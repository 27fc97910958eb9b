import { DomainError } from '@stepwell/decider';
import { addDaysToLocalDate, isLocalDate, isoDayOfWeek, type LocalDate } from '../time/europe-london';

/** Monday to Friday and not a bank holiday (the list arrives as an input: it differs between UK nations). */
export function isWorkingDay(date: LocalDate, bankHolidays: readonly LocalDate[]): boolean {
  return isoDayOfWeek(date) <= 5 && !bankHolidays.includes(date);
}

/**
 * The `n`-th working day after `date` (the day itself never counts, whether or not it is a working day):
 * a DNA on Friday with n = 2 is due on Tuesday, or Wednesday when Monday is a bank holiday.
 */
export function addWorkingDays(date: LocalDate, n: number, bankHolidays: readonly LocalDate[]): LocalDate {
  if (!isLocalDate(date)) throw new DomainError('INVALID_LOCAL_DATE', 'Expected a date as YYYY-MM-DD', { date });
  const invalid = bankHolidays.find((holiday) => !isLocalDate(holiday));
  if (invalid !== undefined) throw new DomainError('INVALID_LOCAL_DATE', 'Bank holidays must be dates as YYYY-MM-DD');
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDaysToLocalDate(day, 1);
    if (isWorkingDay(day, bankHolidays)) counted++;
  }
  return day;
}
