import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem-details';

/** Thrown by the global ValidationPipe: the request named fields that failed their rules. */
export class RequestValidationError extends Error {
  readonly code = 'VALIDATION_FAILED' as const;

  constructor(readonly errors: FieldError[]) {
    super(`${errors.length} field${errors.length === 1 ? '' : 's'} failed validation`);
    this.name = 'RequestValidationError';
  }
}

/** class-validator's tree → flat field paths: `patient.nhsNumber`, `answers[2].score`. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    if (error.constraints && Object.keys(error.constraints).length > 0) {
      flat.push({ field: field || '(body)', messages: Object.values(error.constraints) });
    }
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}
