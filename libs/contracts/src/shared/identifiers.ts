import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * The shared vocabulary of identifiers and instants: contracts, request DTOs and domains all check these here, so
 * that an ODS code or an instant means the same thing at every edge.
 */

/** An ODS organisation code as Stepwell uses it: 3 to 10 capital letters or digits (e.g. `RAA`, `A81001`). */
export const ODS_CODE = /^[A-Z0-9]{3,10}$/;

/** An opaque id chosen by a client or another service: 1 to 64 letters, digits, `-` and `_` (UUIDs fit). */
export const OPAQUE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isOdsCode(value: unknown): value is string {
  return typeof value === 'string' && ODS_CODE.test(value);
}

export function isOpaqueId(value: unknown): value is string {
  return typeof value === 'string' && OPAQUE_ID.test(value);
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

function realDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The one date parser (the API's input contract). Accepts only the calendar forms the API documents:
 * - `YYYY-MM-DD`, a real calendar day (no week dates `2026-W01`, ordinal dates, or `2026-02-30`);
 * - an RFC 3339 date-time with an offset (`2026-03-01T09:30:00Z`, `…+01:00`; seconds required, no lower-case `t`).
 * Years 1900–9999. Returns the instant in milliseconds since the epoch (a date: its UTC midnight), or undefined.
 */
export function parseStrictDate(value: unknown, form: 'date' | 'date-time' | 'either' = 'either'): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  if (form !== 'date-time') {
    const date = CALENDAR_DATE.exec(value);
    if (date) {
      const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
      return year >= 1900 && realDay(year, month, day) ? Date.UTC(year, month - 1, day) : undefined;
    }
  }
  if (form === 'date') return undefined;
  const time = DATE_TIME.exec(value);
  if (!time) return undefined;
  const [year, month, day, hour, minute, second] = time.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || !realDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (time[8] !== 'Z' && (Number(time[9]) > 23 || Number(time[10]) > 59)) return undefined;
  const instant = Date.parse(value);
  return Number.isFinite(instant) ? instant : undefined;
}

/** An instant: an RFC 3339 date-time with an offset, seconds required (`parseStrictDate(value, 'date-time')`). */
export function isInstant(value: unknown): value is string {
  return parseStrictDate(value, 'date-time') !== undefined;
}

/** Validation decorator of every instant in the contracts: `isInstant`, else a failure naming the property. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: (args) => `${args?.property ?? 'the value'} must be an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z`,
      },
    },
    options,
  );
}
