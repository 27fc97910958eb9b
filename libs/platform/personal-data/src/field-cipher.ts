import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * One personal field, sealed: AES-256-GCM under the person's data-encryption key, a fresh random 96-bit IV per field,
 * and the event's stream, id and field name as associated data (a sealed value copied into another event, stream or
 * field does not open). Stored as `sw-enc:v1:<key id>:<base64 of IV ‖ ciphertext ‖ 128-bit tag>`; the value sealed
 * is the field's JSON, so a field keeps its type once opened.
 */
export const SEALED_PREFIX = 'sw-enc:v1:';

/** What a personal field reads as once its key has been shredded (erasure). */
export const ERASED = '[erased]';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** Associated data of a field: binds the ciphertext to where it is stored. */
export function fieldContext(streamId: string, eventId: string, field: string): string {
  return `${streamId}\u0000${eventId.toLowerCase()}\u0000${field}`;
}

export function sealField(key: Buffer, keyId: string, value: unknown, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${keyId}:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64')}`;
}

export interface SealedValue {
  keyId: string;
  payload: Buffer;
}

/** The key id and payload of a sealed value, or null for anything else (clear text stored before encryption). */
export function parseSealed(value: unknown): SealedValue | null {
  if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX)) return null;
  const rest = value.slice(SEALED_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  const payload = Buffer.from(rest.slice(colon + 1), 'base64');
  if (payload.length < IV_BYTES + TAG_BYTES) return null;
  return { keyId: rest.slice(0, colon), payload };
}

/** Opens a sealed value; throws when the key, the context or the bytes do not match (tampering, wrong key). */
export function openField(key: Buffer, sealed: SealedValue, context: string): unknown {
  const { payload } = sealed;
  const decipher = createDecipheriv('aes-256-gcm', key, payload.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(payload.subarray(payload.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(payload.subarray(IV_BYTES, payload.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}
