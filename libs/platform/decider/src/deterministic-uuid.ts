import { createHash } from 'node:crypto';

/** Namespace for Stepwell's name-based UUIDs (a fixed, random UUID). */
export const STEPWELL_UUID_NAMESPACE = '6b3f3c4e-2f8a-4c55-9f0e-8d1b7a1f4c21';

/**
 * RFC 9562 version-5 (SHA-1, name-based) UUID: the same name always gives the same id. Used wherever a retry
 * must produce the very same event or message id, so that the store or the consumer's inbox absorbs it.
 */
export function deterministicUuid(name: string, namespace: string = STEPWELL_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`Invalid namespace UUID: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
