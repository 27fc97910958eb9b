/**
 * Read-your-writes for a request (issue 12 item 12): a write answers only once the read models hold its own last
 * position (`ProjectionRunner.waitFor`). Outcomes waits longer than the platform's 10 s default, because a recorded
 * response is scored, flagged and may raise a risk alert in the same catch-up. Past the limit the request answers
 * 503 `READ_MODEL_BEHIND` with Retry-After: what it wrote stands, and a retry with the same Idempotency-Key returns it.
 */
export const READ_YOUR_WRITES_TIMEOUT_MS = 30_000;
