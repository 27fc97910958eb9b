import { DomainError } from '@stepwell/decider';
import { type BankHolidayCalendar, ENGLAND_AND_WALES_BANK_HOLIDAYS, type LocalDate } from '@stepwell/contracts';

export { type BankHolidayCalendar, ENGLAND_AND_WALES_BANK_HOLIDAYS, type LocalDate };

/**
 * Working days as a consultation service counts its response target: Monday to Friday in Europe/London, not an
 * England and Wales bank holiday. The bank holidays are data (`bank-holidays.england-and-wales.json` in
 * `@stepwell/contracts`, shared with the directory; source in the
 * file), not a rule in code: a proclaimed one-off holiday is a line added there. The data covers dates up to
 * `coversThrough`; a due date computed past it is refused (`CALENDAR_NOT_COVERED`) rather than silently counting an
 * unknown bank holiday as a working day, and `bank-holidays.spec.ts` fails a year before that happens.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The London calendar date an instant falls on. */
export function londonDateOf(instant: string | number): LocalDate {
  const parts = LONDON.formatToParts(typeof instant === 'number' ? instant : Date.parse(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function utcMidnight(date: LocalDate): number {
  const match = DATE.exec(date);
  if (!match) throw new DomainError('INVALID_LOCAL_DATE', 'Expected a date as YYYY-MM-DD');
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoDayOfWeek(date: LocalDate): number {
  const day = new Date(utcMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWorkingDay(date: LocalDate, calendar: BankHolidayCalendar): boolean {
  return isoDayOfWeek(date) <= 5 && !calendar.dates.includes(date);
}

/** The `n`-th working day after `date` (the day itself never counts). */
export function addWorkingDays(date: LocalDate, n: number, calendar: BankHolidayCalendar): LocalDate {
  let day = date;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (day > calendar.coversThrough) {
      throw new DomainError('CALENDAR_NOT_COVERED', 'The bank holiday calendar does not cover the due date', { coversThrough: calendar.coversThrough });
    }
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/** The instant a London calendar day starts (00:00 Europe/London, GMT or BST). */
export function londonStartOf(date: LocalDate): string {
  const midnightUtc = utcMidnight(date);
  // London is UTC+0 or UTC+1, and midnight is never inside a clock change (those happen at 01:00 UTC).
  for (const offsetHours of [1, 0]) {
    const at = midnightUtc - offsetHours * 3_600_000;
    if (londonDateOf(at) === date && londonDateOf(at - 1) !== date) return new Date(at).toISOString();
  }
  return new Date(midnightUtc).toISOString();
}

/**
 * When an answer is due: by the end of the `workingDays`-th working day after the day the request arrived (London
 * dates), i.e. the start of the next day. A request arriving on a Friday with a target of 2 working days is due by the
 * end of Tuesday (Wednesday when Monday is a bank holiday); one arriving on a Saturday likewise.
 */
export function dueAt(requestedAt: string, workingDays: number, calendar: BankHolidayCalendar = ENGLAND_AND_WALES_BANK_HOLIDAYS): string {
  const dueDate = addWorkingDays(londonDateOf(requestedAt), workingDays, calendar);
  return londonStartOf(addDays(dueDate, 1));
}
