import type { VerificationResult } from '../event-store.port';
import { GENESIS_HASH, chainHash, type ChainedContent } from './hash-chain';

/** One stored event as read raw (never upcast) for verification. */
export interface StoredLink extends ChainedContent {
  hash: string;
  /** The previous hash the event was written with, where the adapter keeps it. */
  previousHash: string | null;
}

export type StreamFailure = Extract<VerificationResult, { ok: false }>['failure'];

/** What the store believes the stream's head to be, to detect a removed tail. */
export interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * Re-computes one stream's chain. `links` are the stored events in ascending revision order.
 * Returns the first broken link or null.
 *
 * Classification: a missing revision (or a head beyond the last stored event) is `removed`; a link whose
 * recorded previous hash belongs to an event stored at a later revision is `reordered`; any other mismatch
 * is `altered`.
 */
export function verifyLinks(streamId: string, links: readonly StoredLink[], head: StreamHead | null): StreamFailure | null {
  let previous = GENESIS_HASH;
  const laterHashes = new Map<string, number>();
  links.forEach((link, index) => laterHashes.set(link.hash, index));
  for (let index = 0; index < links.length; index += 1) {
    const link = links[index] as StoredLink;
    if (link.streamId !== streamId) {
      return fail(streamId, index, link.id, 'altered', `event ${link.id} claims stream ${link.streamId}`);
    }
    if (link.revision !== index) {
      const reason = link.revision > index ? 'removed' : 'reordered';
      return fail(streamId, index, null, reason, `expected revision ${index}, found ${link.revision}`);
    }
    const expected = chainHash(previous, link);
    if (expected !== link.hash) {
      const recordedPrevious = link.previousHash;
      const previousAt = recordedPrevious === null ? undefined : laterHashes.get(recordedPrevious);
      if (recordedPrevious !== null && recordedPrevious !== previous && previousAt !== undefined && previousAt >= index) {
        return fail(streamId, index, link.id, 'reordered', `event ${link.id} was chained after a later event`);
      }
      return fail(streamId, index, link.id, 'altered', `hash of event ${link.id} does not match its content and chain`);
    }
    previous = link.hash;
  }
  if (head && head.revision >= links.length) {
    return fail(streamId, links.length, null, 'removed', `stream head is revision ${head.revision}, last stored ${links.length - 1}`);
  }
  if (head && head.revision === links.length - 1 && head.revision >= 0 && head.hash !== previous) {
    return fail(streamId, head.revision, links[head.revision]?.id ?? null, 'altered', 'stream head hash does not match the last event');
  }
  return null;
}

function fail(
  streamId: string,
  revision: number,
  eventId: string | null,
  reason: StreamFailure['reason'],
  detail: string,
): StreamFailure {
  return { streamId, revision, eventId, reason, detail };
}
