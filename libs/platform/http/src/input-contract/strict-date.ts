import { applyDecorators } from '@nestjs/common';
import { ValidateBy, type ValidationOptions } from 'class-validator';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

function realDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The one date parser of the API. Accepts only the calendar forms the API documents:
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

const FORMS = {
  'date': 'a calendar date YYYY-MM-DD',
  'date-time': 'an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z',
  'either': 'a calendar date YYYY-MM-DD or an RFC 3339 date-time with an offset',
} as const;

/**
 * Validation decorator for every date the API takes (body or query): the value must parse with parseStrictDate,
 * else a 400 problem naming the field. Use instead of class-validator's `@IsISO8601`, which also passes forms
 * (`2026-W01`) that nothing downstream can parse.
 */
export function IsStrictDate(form: keyof typeof FORMS = 'either', options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(
    ValidateBy(
      {
        name: 'isStrictDate',
        validator: {
          validate: (value: unknown) => parseStrictDate(value, form) !== undefined,
          defaultMessage: (args) => `${args?.property ?? 'the value'} must be ${FORMS[form]}`,
        },
      },
      options,
    ),
  );
}
