import { type BankHolidayCalendar, ENGLAND_AND_WALES_BANK_HOLIDAYS } from '@stepwell/contracts';
import { RRuleTemporal } from 'rrule-temporal';
import { Temporal } from 'temporal-polyfill';
import type { OrukRecord } from './oruk-records';

/**
 * When a listed service is open: its ORUK schedules (iCal RRULE fields: `freq`, `interval`, `byday`, `bymonthday`,
 * `dtstart`, `until`, `valid_from`/`valid_to`, `opens_at`/`closes_at`) expanded by a maintained RFC 5545 library
 * (`rrule-temporal`, on Temporal) in **Europe/London** wall-clock time, so 09:30 stays 09:30 across both clock
 * changes; then its holiday schedules (ORUK 2.0 `holiday_schedule`: closed, or other hours, for a run of dates) and,
 * when the service says so (`stepwell_bank_holidays: "closed"`), the England and Wales bank holidays (GOV.UK data in
 * `@stepwell/contracts`) replace the regular hours of those days.
 *
 * What is not evaluated is said, never guessed: a schedule without `opens_at`/`closes_at` or without a `freq` (words
 * only) adds no opening; a service with none that can be evaluated answers `known: false`; a day past the bank
 * holiday data's coverage, for a service closed on bank holidays, is not offered as an opening (`calendar_ends`).
 */

export const LONDON = 'Europe/London';
/** How far ahead "next opening" looks (a monthly group meets at least once in this). */
export const OPENING_HORIZON_DAYS = 62;

export interface OpeningWindow {
  /** RFC 3339 instants (UTC). */
  opens_at: string;
  closes_at: string;
}

export interface OpeningState {
  /** Whether any schedule could be evaluated; false: the listing's schedules are words only. */
  known: boolean;
  open_now: boolean;
  /** The window the service is in now, when open. */
  current: OpeningWindow | null;
  /** The next window that starts after `at`, within the horizon. */
  next_opening: OpeningWindow | null;
  evaluated_at: string;
  /** Set when the bank holiday data ends inside the horizon of a service closed on bank holidays. */
  calendar_ends?: string;
}

type LocalTime = { hour: number; minute: number; second: number; offset: string | null };

const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

function timeOf(value: unknown): LocalTime | null {
  if (typeof value !== 'string') return null;
  const m = TIME.exec(value);
  if (!m) return null;
  return { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0), offset: m[4] === undefined ? null : m[4] === 'Z' ? '+00:00' : m[4] };
}

/** The instant `time` happens on London `date`: a wall time in London, or at the offset the time names. */
function instantOn(date: Temporal.PlainDate, time: LocalTime): Temporal.Instant {
  const wall = date.toPlainDateTime({ hour: time.hour, minute: time.minute, second: time.second });
  if (time.offset === null) return wall.toZonedDateTime(LONDON, { disambiguation: 'later' }).toInstant();
  return Temporal.Instant.from(`${wall.toString()}${time.offset}`);
}

/** One day's window: closes at or before it opens means it runs past midnight. */
function windowOn(date: Temporal.PlainDate, opens: LocalTime, closes: LocalTime): { opens: Temporal.Instant; closes: Temporal.Instant } {
  const start = instantOn(date, opens);
  let end = instantOn(date, closes);
  if (Temporal.Instant.compare(end, start) <= 0) end = instantOn(date.add({ days: 1 }), closes);
  return { opens: start, closes: end };
}

const plainDate = (value: unknown): Temporal.PlainDate | null => (typeof value === 'string' ? Temporal.PlainDate.from(value) : null);
const later = (a: Temporal.PlainDate | null, b: Temporal.PlainDate | null) => (a === null ? b : b === null ? a : Temporal.PlainDate.compare(a, b) >= 0 ? a : b);
const earlier = (a: Temporal.PlainDate | null, b: Temporal.PlainDate | null) => (a === null ? b : b === null ? a : Temporal.PlainDate.compare(a, b) <= 0 ? a : b);

/**
 * The London dates one regular schedule meets on, from `from` to `to` inclusive. The rule is the schedule's RRULE
 * parts; its DTSTART is `dtstart` (else `valid_from`, else a Monday long before `from`, which fixes the phase of an
 * `interval` above 1 only when the listing gives a start). `until`, `valid_from` and `valid_to` bound the dates.
 */
function scheduleDates(schedule: OrukRecord, from: Temporal.PlainDate, to: Temporal.PlainDate): Temporal.PlainDate[] {
  const freq = schedule['freq'];
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') return [];
  const parts = [`FREQ=${freq}`];
  if (typeof schedule['interval'] === 'number') parts.push(`INTERVAL=${schedule['interval']}`);
  if (typeof schedule['byday'] === 'string') parts.push(`BYDAY=${schedule['byday']}`);
  if (typeof schedule['bymonthday'] === 'string') parts.push(`BYMONTHDAY=${schedule['bymonthday']}`);
  const start = plainDate(schedule['dtstart']) ?? plainDate(schedule['valid_from']) ?? Temporal.PlainDate.from('2000-01-03');
  const first = later(later(start, plainDate(schedule['valid_from'])), from);
  const last = earlier(earlier(plainDate(schedule['until']), plainDate(schedule['valid_to'])), to);
  if (first === null || last === null || Temporal.PlainDate.compare(first, last) > 0) return [];
  // Occurrences at noon London time: a date-only rule, never near a clock change (those are at 01:00 and 02:00).
  const rule = new RRuleTemporal({ rruleString: parts.join(';'), dtstart: start.toZonedDateTime({ timeZone: LONDON, plainTime: '12:00' }) });
  const after = first.toZonedDateTime({ timeZone: LONDON, plainTime: '00:00' });
  const before = last.toZonedDateTime({ timeZone: LONDON, plainTime: '23:59' });
  return rule.between(after, before, true).map((occurrence) => Temporal.PlainDate.from(occurrence.toPlainDate().toString()));
}

/** Every opening window of the service's schedules whose day is from `from` to `to` (London dates), in order. */
export function openingWindows(
  service: OrukRecord,
  from: Temporal.PlainDate,
  to: Temporal.PlainDate,
  bankHolidays: BankHolidayCalendar = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): { known: boolean; windows: OpeningWindow[]; calendarEnds?: string } {
  const schedules = [
    ...((service['schedules'] as OrukRecord[] | undefined) ?? []),
    ...((service['service_at_locations'] as OrukRecord[] | undefined) ?? []).flatMap((sal) => (sal['schedules'] as OrukRecord[] | undefined) ?? []),
  ];
  const holidays = (service['holiday_schedules'] as OrukRecord[] | undefined) ?? [];
  const closedOnBankHolidays = service['stepwell_bank_holidays'] === 'closed';
  const windows: Array<{ opens: Temporal.Instant; closes: Temporal.Instant }> = [];
  let known = false;
  let calendarEnds: string | undefined;

  /** The holiday schedule covering a date (the first listed wins), if any. */
  const holidayOn = (date: Temporal.PlainDate): OrukRecord | undefined =>
    holidays.find((h) => {
      const s = plainDate(h['start_date']);
      const e = plainDate(h['end_date']);
      return s !== null && e !== null && Temporal.PlainDate.compare(s, date) <= 0 && Temporal.PlainDate.compare(date, e) <= 0;
    });
  const isBankHoliday = (date: Temporal.PlainDate): boolean | 'unknown' => {
    const iso = date.toString();
    if (iso > bankHolidays.coversThrough) return 'unknown';
    return bankHolidays.dates.includes(iso);
  };

  for (const schedule of schedules) {
    const opens = timeOf(schedule['opens_at']);
    const closes = timeOf(schedule['closes_at']);
    if (!opens || !closes || (schedule['freq'] !== 'WEEKLY' && schedule['freq'] !== 'MONTHLY')) continue;
    known = true;
    for (const date of scheduleDates(schedule, from, to)) {
      if (holidayOn(date)) continue; // the holiday schedule decides that day
      if (closedOnBankHolidays) {
        const bank = isBankHoliday(date);
        if (bank === true) continue;
        if (bank === 'unknown') {
          calendarEnds = bankHolidays.coversThrough;
          continue;
        }
      }
      windows.push(windowOn(date, opens, closes));
    }
  }
  for (const holiday of holidays) {
    if (holiday['closed'] !== false) continue;
    const opens = timeOf(holiday['opens_at']);
    const closes = timeOf(holiday['closes_at']);
    const s = later(plainDate(holiday['start_date']), from);
    const e = earlier(plainDate(holiday['end_date']), to);
    if (!opens || !closes || s === null || e === null) continue;
    known = true;
    for (let date = s; Temporal.PlainDate.compare(date, e) <= 0; date = date.add({ days: 1 })) {
      if (holidayOn(date) === holiday) windows.push(windowOn(date, opens, closes));
    }
  }
  windows.sort((a, b) => Temporal.Instant.compare(a.opens, b.opens));
  return {
    known,
    windows: windows.map((w) => ({ opens_at: w.opens.toString(), closes_at: w.closes.toString() })),
    ...(calendarEnds === undefined ? {} : { calendarEnds }),
  };
}

/** The London date an instant falls on. */
export function londonDate(at: string): Temporal.PlainDate {
  return Temporal.Instant.from(at).toZonedDateTimeISO(LONDON).toPlainDate();
}

/** Open now, and the next opening, at the instant `at` (the service clock's now). */
export function openingState(service: OrukRecord, at: string, bankHolidays: BankHolidayCalendar = ENGLAND_AND_WALES_BANK_HOLIDAYS): OpeningState {
  const now = Temporal.Instant.from(at);
  const today = londonDate(at);
  // From yesterday: a window that started yesterday evening may still be open after midnight.
  const { known, windows, calendarEnds } = openingWindows(service, today.subtract({ days: 1 }), today.add({ days: OPENING_HORIZON_DAYS }), bankHolidays);
  const current =
    windows.find((w) => Temporal.Instant.compare(Temporal.Instant.from(w.opens_at), now) <= 0 && Temporal.Instant.compare(now, Temporal.Instant.from(w.closes_at)) < 0) ?? null;
  const next = windows.find((w) => Temporal.Instant.compare(Temporal.Instant.from(w.opens_at), now) > 0) ?? null;
  return { known, open_now: current !== null, current, next_opening: next, evaluated_at: now.toString(), ...(calendarEnds ? { calendar_ends: calendarEnds } : {}) };
}
