/**
 * Access errors are plain errors with a stable `code` — not Nest HTTP exceptions: their status and title live in
 * one place, `@stepwell/http`'s `DEFAULT_ERROR_MAPPINGS`, which the problem-details filter applies (and copies
 * `headers`, e.g. `WWW-Authenticate`, onto the response). Messages never carry patient data or the reason a
 * relationship is missing.
 */
export class AccessError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Response headers the problem filter must add (e.g. `WWW-Authenticate`). */
    readonly headers: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
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

export class UnauthenticatedError extends AccessError {
  constructor(
    readonly failure: AuthenticationFailure,
    requiredAcr: readonly string[] = [],
  ) {
    super('UNAUTHENTICATED', 'A valid bearer token is required', { 'WWW-Authenticate': wwwAuthenticate(failure, requiredAcr) });
  }
}

export class ForbiddenRoleError extends AccessError {
  constructor() {
    super('FORBIDDEN_ROLE', 'Your role does not allow this action');
  }
}

export class NoLegitimateRelationshipError extends AccessError {
  constructor() {
    super('NO_LEGITIMATE_RELATIONSHIP', 'Your organisation has no care relationship that allows this access');
  }
}

export class BreakGlassNotPermittedError extends AccessError {
  constructor() {
    super('BREAK_GLASS_NOT_PERMITTED', 'Only clinicians of direct-care organisations may use emergency access');
  }
}

/** Break-glass opens a record to read it in an emergency, never to change it. */
export class BreakGlassReadOnlyError extends AccessError {
  constructor() {
    super('BREAK_GLASS_READ_ONLY', 'Emergency access (X-Break-Glass-Reason) is read-only: nothing was written');
  }
}

/** The `X-Break-Glass-Reason` header is outside its bounds: the caller's mistake, so 400 naming the header. */
export class BreakGlassReasonLengthError extends AccessError {
  constructor(
    readonly minimumLength: number,
    readonly maximumLength: number,
  ) {
    super('BREAK_GLASS_REASON_LENGTH', `The X-Break-Glass-Reason header must be ${minimumLength} to ${maximumLength} characters`);
  }
}

/** Break-glass named something that is not a patient subject id: nothing is recorded against it. */
export class BreakGlassPatientInvalidError extends AccessError {
  constructor() {
    super('BREAK_GLASS_PATIENT_INVALID', 'Emergency access needs a valid patient subject id in the path');
  }
}

/** An auditor asked for another organisation's review queue or grant: only national auditors see every organisation. */
export class OrganisationScopeError extends AccessError {
  constructor() {
    super('FORBIDDEN_ORGANISATION_SCOPE', "An auditor sees only their own organisation's records");
  }
}

export class BreakGlassGrantNotFoundError extends AccessError {
  constructor() {
    super('BREAK_GLASS_GRANT_NOT_FOUND', 'No break-glass grant has this id');
  }
}

export class BreakGlassAlreadyReviewedError extends AccessError {
  constructor() {
    super('BREAK_GLASS_ALREADY_REVIEWED', 'This break-glass grant already has a review decision');
  }
}

/** Related, but the access policy gives this relationship, role and organisation type no right to this action. */
export class ActionNotPermittedError extends AccessError {
  constructor() {
    super('ACTION_NOT_PERMITTED', 'Your organisation’s relationship with this record does not allow this action');
  }
}

export class OrganisationTypeNotPermittedError extends AccessError {
  constructor() {
    super('FORBIDDEN_ORGANISATION_TYPE', 'Your organisation type may not see this resource');
  }
}

/** The access trail could not be written, so the data is withheld: no unaudited read. */
export class AuditUnavailableError extends AccessError {
  constructor(options?: { cause?: unknown }) {
    super('AUDIT_UNAVAILABLE', 'The access could not be audited', {}, options);
  }
}

/** Keys to verify tokens could not be fetched: an outage on our side, not the caller's fault. */
export class AuthKeysUnavailableError extends AccessError {
  constructor(options?: { cause?: unknown }) {
    super('AUTH_KEYS_UNAVAILABLE', 'Token keys are unavailable', {}, options);
  }
}

/** A route marked as returning patient data did not say which patient: a programming error (500), never a silent read. */
export class PatientNotIdentifiedError extends AccessError {
  constructor() {
    super('PATIENT_NOT_IDENTIFIED', 'The patient of this read is unknown');
  }
}

export function isAccessError(error: unknown): error is AccessError {
  return error instanceof AccessError;
}
