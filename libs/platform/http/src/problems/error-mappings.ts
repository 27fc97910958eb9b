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
};
