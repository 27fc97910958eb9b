import { RequestValidationError } from '@stepwell/http';

// Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, hashes).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Refuses (400) an `Idempotency-Key` that is not a plain token; absent is fine. */
export function checkIdempotencyKey(idempotencyKey: string | undefined): void {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 printable characters without spaces'] },
    ]);
  }
}
