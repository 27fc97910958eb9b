import { RequestValidationError } from '@stepwell/http';

// Printable ASCII without spaces, as clients generate them (UUIDs, ULIDs, hashes).
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** The `Idempotency-Key` header checked, as an optional field of the handler's context. */
export function idempotencyKeyOf(header: string | undefined): { idempotencyKey?: string } {
  if (header === undefined) return {};
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new RequestValidationError([
      { field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 printable characters without spaces'] },
    ]);
  }
  return { idempotencyKey: header };
}
