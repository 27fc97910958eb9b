import { DomainError } from './decider';

/**
 * The one "no such thing" error of every service (domain, handlers and queries alike): a stable code that the
 * service's error table maps to 404 (`APPOINTMENT_NOT_FOUND`, `REFERRAL_NOT_FOUND`, …) and a message that names no
 * personal data. Services narrow `Code` to their own error-code union (`NotFoundError<SchedulingErrorCode>`), so a
 * code missing from their `satisfies Record<…>` table does not compile.
 */
export class NotFoundError<Code extends string = string> extends DomainError {
  declare readonly code: Code;

  constructor(code: Code, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(code, message, details);
    this.name = 'NotFoundError';
  }
}
