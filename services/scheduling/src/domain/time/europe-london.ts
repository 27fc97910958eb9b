import { isInstant } from '@stepwell/contracts';
import { DomainError, assertNever } from '@stepwell/decider';

/**
 * Europe/London wall-clock time and UTC instants, using only `Intl.DateTimeFormat` (the tz database bundled with
 * Node's ICU). Clinics book in wall-clock time; the store, the slots and every comparison use UTC instants.
 *
 * Twice a year the wall clock is not a function of the instant's inverse:
 * - last Sunday of March, 01:00 GMT → 02:00 BST: local 01:00–01:59 never happens (the gap);
 * - last Sunday of October, 02:00 BST → 01:00 GMT: local 01:00–01:59 happens twice (the overlap).
 */

/** A calendar date in Europe/London, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A wall-clock time in Europe/London, `HH:MM` (24-hour). */
export type LocalTime = string;
/** A UTC instant as an ISO 8601 string ending in `Z` (what events and commands carry). */
export type Instant = string;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  // h23, not the locale default: some ICU versions print midnight as 24:00 otherwise.
  hourCycle: 'h23',
});

/** What to do with a wall-clock time in the spring gap or the autumn overlap. */
export type Disambiguation =
  /** Gap: refuse. Overlap: refuse. */
  | 'reject'
  /** Gap: refuse. Overlap: the first occurrence (still BST). */
  | 'earlier-or-reject'
  /** Gap: read with the offset before the change (01:30 → 02:30 BST). Overlap: the first occurrence. */
  | 'compatible';

/**
 * The policy for diary session start and end times (and so for every slot). A time in the spring gap is refused
 * (`LOCAL_TIME_IN_DST_GAP`): no clock in the clinic shows it, and silently moving a session by an hour would put
 * people at the door at a time nobody agreed. A time in the autumn overlap means its first occurrence (BST),
 * the one that the clock shows first; slots are then laid out in elapsed time, so the repeated hour is counted
 * twice and no slot is lost or doubled.
 */
export const SESSION_TIME_POLICY: Disambiguation = 'earlier-or-reject';

export interface WallClock {
  date: LocalDate;
  time: LocalTime;
}

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/** Milliseconds since the epoch of an instant (@stepwell/contracts' one rule); refuses anything else with `INVALID_INSTANT`. */
export function instantMs(value: Instant, field = 'instant'): number {
  if (!isInstant(value)) throw new DomainError('INVALID_INSTANT', `${field} is not an RFC 3339 instant with an offset`, { field });
  return Date.parse(value);
}

export function toInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

/** The Europe/London wall clock at an instant (seconds dropped). */
export function londonWallClock(at: Instant | number): WallClock {
  const ms = typeof at === 'number' ? at : instantMs(at);
  const parts = partsAt(ms);
  return {
    date: `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`,
    time: `${pad(parts.hour)}:${pad(parts.minute)}`,
  };
}

/** The Europe/London calendar date of an instant. */
export function londonDateOf(at: Instant | number): LocalDate {
  return londonWallClock(at).date;
}

/** Minutes Europe/London is ahead of UTC at an instant (0 in GMT, 60 in BST). */
export function londonOffsetMinutes(at: Instant | number): number {
  const ms = typeof at === 'number' ? at : instantMs(at);
  const p = partsAt(ms);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wallAsUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

/** How a wall-clock date and time maps onto instants: once, never (gap) or twice (overlap). */
export type LondonResolution =
  | { kind: 'unique'; instant: Instant }
  | { kind: 'gap'; shiftedForward: Instant }
  | { kind: 'overlap'; earlier: Instant; later: Instant };

export function resolveLondonWallClock(date: LocalDate, time: LocalTime): LondonResolution {
  if (!isLocalDate(date)) throw new DomainError('INVALID_LOCAL_DATE', 'Expected a date as YYYY-MM-DD', { date });
  if (!isLocalTime(time)) throw new DomainError('INVALID_LOCAL_TIME', 'Expected a time as HH:MM', { time });
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets in force a day either side bracket any change on this date (London changes at most once a day).
  const offsetBefore = londonOffsetMinutes(wallAsUtc - DAY_MS);
  const offsetAfter = londonOffsetMinutes(wallAsUtc + DAY_MS);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallAsUtc - offset * MINUTE_MS)
    .filter((ms) => {
      const wall = londonWallClock(ms);
      return wall.date === date && wall.time === time;
    })
    .sort((a, b) => a - b);
  if (candidates.length === 0) return { kind: 'gap', shiftedForward: toInstant(wallAsUtc - offsetBefore * MINUTE_MS) };
  if (candidates.length === 1) return { kind: 'unique', instant: toInstant(candidates[0] as number) };
  return { kind: 'overlap', earlier: toInstant(candidates[0] as number), later: toInstant(candidates[1] as number) };
}

/**
 * The instant of a Europe/London wall-clock date and time, under a disambiguation policy. Refusals:
 * `LOCAL_TIME_IN_DST_GAP` (the time never happens that day), `LOCAL_TIME_AMBIGUOUS` (it happens twice and the
 * policy will not choose).
 */
export function londonToInstant(date: LocalDate, time: LocalTime, policy: Disambiguation = 'reject'): Instant {
  const resolved = resolveLondonWallClock(date, time);
  switch (resolved.kind) {
    case 'unique':
      return resolved.instant;
    case 'gap':
      if (policy === 'compatible') return resolved.shiftedForward;
      throw new DomainError('LOCAL_TIME_IN_DST_GAP', `${time} does not exist in Europe/London on ${date}`, {
        date,
        time,
      });
    case 'overlap':
      if (policy === 'reject') {
        throw new DomainError('LOCAL_TIME_AMBIGUOUS', `${time} happens twice in Europe/London on ${date}`, {
          date,
          time,
        });
      }
      return resolved.earlier;
    default:
      return assertNever(resolved, 'resolution');
  }
}

/** A calendar date plus or minus whole days (pure calendar arithmetic, no time zone involved). */
export function addDaysToLocalDate(date: LocalDate, days: number): LocalDate {
  if (!isLocalDate(date)) throw new DomainError('INVALID_LOCAL_DATE', 'Expected a date as YYYY-MM-DD', { date });
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant at the same Europe/London wall-clock time `days` calendar days earlier (negative: later) — a window of
 * "the last 28 days" that starts at the same time of day on either side of a clock change, not an hour off it as
 * `days × 24 h` would. Within the spring gap or autumn overlap hour the result may sit an hour to one side.
 */
export function londonDaysBefore(at: Instant, days: number): Instant {
  const ms = instantMs(at);
  const shifted = ms - days * DAY_MS;
  return toInstant(shifted + (londonOffsetMinutes(ms) - londonOffsetMinutes(shifted)) * MINUTE_MS);
}

/** Whole calendar days from one date to another (negative when `to` is earlier). */
export function daysBetweenLocalDates(from: LocalDate, to: LocalDate): number {
  const ms = (date: LocalDate) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

/** ISO day of the week of a calendar date: 1 Monday … 7 Sunday. */
export function isoDayOfWeek(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsAt(ms: number): Parts {
  const parts: Partial<Record<string, number>> = {};
  for (const part of londonParts.formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
