import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  InternalServerErrorException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';

/**
 * Access errors are Nest HTTP exceptions carrying a stable `code`; the HTTP library's problem-details filter maps
 * the code to a problem document. Bodies never carry patient data or the reason a relationship is missing.
 */
export interface AccessError {
  readonly code: string;
  /** Response headers the problem filter must add (e.g. `WWW-Authenticate`). */
  readonly headers: Readonly<Record<string, string>>;
}

/** Why a bearer token was refused. Surfaces only in `WWW-Authenticate`'s error_description and in logs. */
export type AuthenticationFailure =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'invalid_claims'
  | 'wrong_token_type'
  | 'insufficient_acr';

const REALM = 'stepwell';

function wwwAuthenticate(failure: AuthenticationFailure, requiredAcr: readonly string[]): string {
  // RFC 6750 §3: a request without credentials gets the bare challenge, no error code.
  if (failure === 'missing') return `Bearer realm="${REALM}"`;
  if (failure === 'insufficient_acr') {
    // RFC 9470: step-up authentication challenge.
    return `Bearer realm="${REALM}", error="insufficient_user_authentication", error_description="${failure}", acr_values="${requiredAcr.join(' ')}"`;
  }
  return `Bearer realm="${REALM}", error="invalid_token", error_description="${failure}"`;
}

export class UnauthenticatedError extends UnauthorizedException implements AccessError {
  readonly code = 'UNAUTHENTICATED' as const;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly failure: AuthenticationFailure,
    requiredAcr: readonly string[] = [],
  ) {
    super({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'A valid bearer token is required' });
    this.headers = { 'WWW-Authenticate': wwwAuthenticate(failure, requiredAcr) };
  }
}

abstract class AccessForbiddenError extends ForbiddenException implements AccessError {
  abstract readonly code: string;
  readonly headers: Readonly<Record<string, string>> = {};

  protected constructor(code: string, message: string) {
    super({ statusCode: 403, code, message });
  }
}

export class ForbiddenRoleError extends AccessForbiddenError {
  readonly code = 'FORBIDDEN_ROLE' as const;
  constructor() {
    super('FORBIDDEN_ROLE', 'Your role does not allow this action');
  }
}

export class NoLegitimateRelationshipError extends AccessForbiddenError {
  readonly code = 'NO_LEGITIMATE_RELATIONSHIP' as const;
  constructor() {
    super('NO_LEGITIMATE_RELATIONSHIP', 'Your organisation has no care relationship that allows this access');
  }
}

export class BreakGlassNotPermittedError extends AccessForbiddenError {
  readonly code = 'BREAK_GLASS_NOT_PERMITTED' as const;
  constructor() {
    super('BREAK_GLASS_NOT_PERMITTED', 'Only clinicians of direct-care organisations may use emergency access');
  }
}

/** Break-glass opens a record to read it in an emergency, never to change it. */
export class BreakGlassReadOnlyError extends AccessForbiddenError {
  readonly code = 'BREAK_GLASS_READ_ONLY' as const;
  constructor() {
    super('BREAK_GLASS_READ_ONLY', 'Emergency access (X-Break-Glass-Reason) is read-only: nothing was written');
  }
}

/** The `X-Break-Glass-Reason` header is outside its bounds: the caller's mistake, so 400 naming the header. */
export class BreakGlassReasonLengthError extends BadRequestException implements AccessError {
  readonly code = 'BREAK_GLASS_REASON_LENGTH' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor(
    readonly minimumLength: number,
    readonly maximumLength: number,
  ) {
    super({
      statusCode: 400,
      code: 'BREAK_GLASS_REASON_LENGTH',
      message: `The X-Break-Glass-Reason header must be ${minimumLength} to ${maximumLength} characters`,
    });
  }
}

/** Break-glass named something that is not a patient subject id: nothing is recorded against it. */
export class BreakGlassPatientInvalidError extends BadRequestException implements AccessError {
  readonly code = 'BREAK_GLASS_PATIENT_INVALID' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor() {
    super({
      statusCode: 400,
      code: 'BREAK_GLASS_PATIENT_INVALID',
      message: 'Emergency access needs a valid patient subject id in the path',
    });
  }
}

/** An auditor asked for another organisation's review queue or grant: only national auditors see every organisation. */
export class OrganisationScopeError extends AccessForbiddenError {
  readonly code = 'FORBIDDEN_ORGANISATION_SCOPE' as const;
  constructor() {
    super('FORBIDDEN_ORGANISATION_SCOPE', "An auditor sees only their own organisation's records");
  }
}

export class BreakGlassGrantNotFoundError extends NotFoundException implements AccessError {
  readonly code = 'BREAK_GLASS_GRANT_NOT_FOUND' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor() {
    super({ statusCode: 404, code: 'BREAK_GLASS_GRANT_NOT_FOUND', message: 'No break-glass grant has this id' });
  }
}

export class BreakGlassAlreadyReviewedError extends ConflictException implements AccessError {
  readonly code = 'BREAK_GLASS_ALREADY_REVIEWED' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor() {
    super({ statusCode: 409, code: 'BREAK_GLASS_ALREADY_REVIEWED', message: 'This break-glass grant already has a review decision' });
  }
}

/** Related, but the access policy gives this relationship, role and organisation type no right to this action. */
export class ActionNotPermittedError extends AccessForbiddenError {
  readonly code = 'ACTION_NOT_PERMITTED' as const;
  constructor() {
    super('ACTION_NOT_PERMITTED', 'Your organisation’s relationship with this record does not allow this action');
  }
}

export class OrganisationTypeNotPermittedError extends AccessForbiddenError {
  readonly code = 'FORBIDDEN_ORGANISATION_TYPE' as const;
  constructor() {
    super('FORBIDDEN_ORGANISATION_TYPE', 'Your organisation type may not see this resource');
  }
}

/** The access trail could not be written, so the data is withheld: no unaudited read. */
export class AuditUnavailableError extends ServiceUnavailableException implements AccessError {
  readonly code = 'AUDIT_UNAVAILABLE' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor(options?: { cause?: unknown }) {
    super({ statusCode: 503, code: 'AUDIT_UNAVAILABLE', message: 'The access could not be audited' }, options);
  }
}

/** Keys to verify tokens could not be fetched: an outage on our side, not the caller's fault. */
export class AuthKeysUnavailableError extends ServiceUnavailableException implements AccessError {
  readonly code = 'AUTH_KEYS_UNAVAILABLE' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor(options?: { cause?: unknown }) {
    super({ statusCode: 503, code: 'AUTH_KEYS_UNAVAILABLE', message: 'Token keys are unavailable' }, options);
  }
}

/** A route marked as returning patient data did not say which patient: a programming error, never a silent read. */
export class PatientNotIdentifiedError extends InternalServerErrorException implements AccessError {
  readonly code = 'PATIENT_NOT_IDENTIFIED' as const;
  readonly headers: Readonly<Record<string, string>> = {};
  constructor() {
    super({ statusCode: 500, code: 'PATIENT_NOT_IDENTIFIED', message: 'The patient of this read is unknown' });
  }
}

export function isAccessError(error: unknown): error is AccessError & Error {
  return (
    error instanceof Error &&
    typeof (error as Partial<AccessError>).code === 'string' &&
    typeof (error as Partial<AccessError>).headers === 'object'
  );
}
