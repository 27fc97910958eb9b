import { createHash } from 'node:crypto';
import type { EventMetadata } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/** The previous-hash of a stream's first event. */
export const GENESIS_HASH = '';

/** What a link of the chain covers: everything a reader relies on except store-assigned positions and times. */
export interface ChainedContent {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: EventMetadata | Record<string, unknown>;
}

/**
 * The canonical JSON of `{ id, stream, revision, type, data, metadata }` split around the revision, which a
 * store may only learn while appending: body = prefix + revision + suffix. Keys are in sorted order
 * (data, id, metadata, revision, stream, type), so the body is exactly `canonicalJson` of the whole object.
 */
export function chainBodyParts(event: Omit<ChainedContent, 'revision'>): { prefix: string; suffix: string } {
  return {
    prefix: `{"data":${canonicalJson(event.data)},"id":${JSON.stringify(event.id)},"metadata":${canonicalJson(event.metadata)},"revision":`,
    suffix: `,"stream":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)}}`,
  };
}

/** sha256(previous hash + canonical JSON of the event), lower-case hex. */
export function chainHash(previousHash: string, event: ChainedContent): string {
  const { prefix, suffix } = chainBodyParts(event);
  return createHash('sha256').update(`${previousHash}${prefix}${event.revision}${suffix}`, 'utf8').digest('hex');
}
