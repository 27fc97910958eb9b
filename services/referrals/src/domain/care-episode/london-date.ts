import { isInstant } from '@stepwell/contracts';

/**
 * Calendar days as the clinic counts them: in England, in Europe/London local time. Waiting times are whole days
 * between local calendar dates, never elapsed milliseconds / 86,400,000, which would lose or gain a day across the
 * clock changes (a 23- or 25-hour day) and around midnight BST.
 */

/** A calendar date `YYYY-MM-DD` (no time, no zone). */
export type LocalDate = string;

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The London calendar date an instant falls on (`2026-03-29T23:30:00Z` is 30 March in London, BST). */
export function londonDateOf(instant: string): LocalDate {
  const millis = Date.parse(instant);
  if (!isInstant(instant)) throw new RangeError(`Not an ISO 8601 instant with a zone: ${instant}`);
  const parts = LONDON_DATE.formatToParts(millis);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DAY_MS = 86_400_000;

// UTC has no clock changes, so midnight-UTC of two calendar dates are always a whole number of days apart.
function utcMidnight(date: LocalDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function laterDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}
