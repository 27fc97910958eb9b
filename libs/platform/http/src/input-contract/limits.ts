/**
 * The limits of the HTTP edge: one table, the same for every service. Each has a default here and an environment
 * variable in @stepwell/config's commonVariables (see the README of @stepwell/http for the list).
 */
export interface HttpLimits {
  /** Largest request body accepted (`HTTP_BODY_LIMIT_BYTES`, default 256 kB); larger → 413. */
  bodyLimitBytes: number;
  /** Deepest nesting of objects and arrays in a JSON body (`HTTP_JSON_MAX_DEPTH`, default 32); deeper → 400. */
  jsonMaxDepth: number;
  /** Most items in any one JSON array (default 1,000); longer → 400. DTOs set tighter bounds of their own. */
  jsonMaxArrayItems: number;
  /** Longest string anywhere in a body, query or path (default 100,000 characters); DTOs set tighter bounds. */
  maxStringLength: number;
  /** A request not answered within this time gets a 503 problem with Retry-After (`HTTP_REQUEST_TIMEOUT_MS`, 10 s). */
  requestTimeoutMs: number;
  /** Requests handled at once by one instance; more → 429 + Retry-After (`HTTP_MAX_CONCURRENT_REQUESTS`, 64). */
  maxConcurrentRequests: number;
  /** Seconds a 429 or 503 from these limits asks the client to wait (default 1). */
  retryAfterSeconds: number;
}

export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = {
  bodyLimitBytes: 256 * 1024,
  jsonMaxDepth: 32,
  jsonMaxArrayItems: 1000,
  maxStringLength: 100_000,
  requestTimeoutMs: 10_000,
  maxConcurrentRequests: 64,
  retryAfterSeconds: 1,
};

/** Largest `page` any list endpoint accepts: deeper pages are refused (400), never an overflowing offset. */
export const MAX_PAGE = 10_000;
/** Largest `pageSize` any list endpoint accepts. */
export const MAX_PAGE_SIZE = 200;
/** `Idempotency-Key`: 1 to 200 printable ASCII characters without spaces. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A quoted revision ETag: `"0"`, `"3"`, `"12"` — a canonical decimal, so `"00"` is not `"0"`. */
export const REVISION_ETAG = /^"(0|[1-9]\d{0,14})"$/;
