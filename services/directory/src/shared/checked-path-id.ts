import { OPAQUE_ID } from '@stepwell/contracts';
import { RequestValidationError } from '@stepwell/http';

/** A record id from the path: an opaque id, else 400 naming `id`. */
export function checkedPathId(id: string): string {
  if (!OPAQUE_ID.test(id)) throw new RequestValidationError([{ field: 'id', messages: ['id must be 1–64 letters, digits, - or _'] }]);
  return id;
}
