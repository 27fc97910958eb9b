/** How an error with a stable `code` becomes a problem document. */
export interface ErrorMapping {
  status: number;
  /** Last segment of the problem `type` URI. */
  slug: string;
  title: string;
}

export type ErrorMappings = Readonly<Record<string, ErrorMapping>>;

/**
 * The one table from error codes to HTTP. Services extend it with their own codes
 * (`{ ...DEFAULT_ERROR_MAPPINGS, REFERRAL_NOT_FOUND: ... }` through `errorMappings` of the bootstrap).
 * An error whose code is not here is unexpected: it becomes a 500 and is logged.
 */
export const DEFAULT_ERROR_MAPPINGS: ErrorMappings = {
  VALIDATION_FAILED: { status: 400, slug: 'validation-failed', title: 'The request is not valid' },
  NOT_FOUND: { status: 404, slug: 'not-found', title: 'Not found' },
  ILLEGAL_TRANSITION: { status: 409, slug: 'illegal-transition', title: 'Not allowed in the current state' },
  // Someone else wrote between our read and our write, and retrying did not resolve it.
  WRONG_EXPECTED_REVISION: { status: 409, slug: 'concurrency-conflict', title: 'The resource was changed concurrently' },
  // The caller's If-Match names a revision that is no longer current (@stepwell/decider's StaleRevisionError).
  STALE_REVISION: { status: 412, slug: 'precondition-failed', title: 'The resource has changed since you read it' },
  PRECONDITION_FAILED: { status: 412, slug: 'precondition-failed', title: 'The resource has changed since you read it' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    slug: 'idempotency-key-reused',
    title: 'The idempotency key was already used for a different request',
  },
  // A write recorded, but the read models (@stepwell/read-models' ProjectionRunner) did not reach it in time — during a
  // leader hand-over, or under load. Carries Retry-After; a retry with the same Idempotency-Key answers the result.
  READ_MODEL_BEHIND: { status: 503, slug: 'read-model-behind', title: 'Recorded, but not readable yet' },
  // A shared rate limit (@stepwell/http's RateLimiter); carries its Retry-After in `headers`.
  RATE_LIMITED: { status: 429, slug: 'rate-limited', title: 'Too many requests' },
  // Identity and access (@stepwell/access). UNAUTHENTICATED carries its WWW-Authenticate challenge in `headers`.
  UNAUTHENTICATED: { status: 401, slug: 'unauthenticated', title: 'A valid bearer token is required' },
  FORBIDDEN_ROLE: { status: 403, slug: 'forbidden-role', title: 'Your role does not allow this action' },
  // 403, not 404: whether the record exists is itself patient information.
  NO_LEGITIMATE_RELATIONSHIP: {
    status: 403,
    slug: 'no-legitimate-relationship',
    title: 'Your organisation has no care relationship that allows this access',
  },
  BREAK_GLASS_NOT_PERMITTED: {
    status: 403,
    slug: 'break-glass-not-permitted',
    title: 'Only clinicians of direct-care organisations may use emergency access',
  },
  BREAK_GLASS_READ_ONLY: { status: 403, slug: 'break-glass-read-only', title: 'Emergency access is read-only' },
  BREAK_GLASS_REASON_LENGTH: {
    status: 400,
    slug: 'break-glass-reason-length',
    title: 'The X-Break-Glass-Reason header is too short or too long',
  },
  BREAK_GLASS_PATIENT_INVALID: { status: 400, slug: 'break-glass-patient-invalid', title: 'Not a patient subject id' },
  BREAK_GLASS_GRANT_NOT_FOUND: { status: 404, slug: 'break-glass-grant-not-found', title: 'No such break-glass grant' },
  BREAK_GLASS_ALREADY_REVIEWED: { status: 409, slug: 'break-glass-already-reviewed', title: 'The grant is already reviewed' },
  FORBIDDEN_ORGANISATION_SCOPE: {
    status: 403,
    slug: 'forbidden-organisation-scope',
    title: "An auditor sees only their own organisation's records",
  },
  // The caller's organisation takes part in the care but the policy does not let it do this (e.g. write another's record).
  ACTION_NOT_PERMITTED: {
    status: 403,
    slug: 'action-not-permitted',
    title: 'Your organisation’s relationship with this record does not allow this action',
  },
  FORBIDDEN_ORGANISATION_TYPE: {
    status: 403,
    slug: 'forbidden-organisation-type',
    title: 'Your organisation type may not see this resource',
  },
  // Our outages, not the caller's fault: no unaudited read, and no token checked against keys we could not fetch.
  AUDIT_UNAVAILABLE: { status: 503, slug: 'audit-unavailable', title: 'The access could not be audited' },
  AUTH_KEYS_UNAVAILABLE: { status: 503, slug: 'auth-keys-unavailable', title: 'Token keys are unavailable' },
};
