import { applyDecorators } from '@nestjs/common';
import { parseStrictDate } from '@stepwell/contracts';
import { ValidateBy, type ValidationOptions } from 'class-validator';

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
