import { canonicalJson, chainHash } from '@stepwell/event-store';
import { hashLeaf, type Hash } from '../merkle/merkle';

/**
 * What one leaf of a service's transparency log commits to: one event of its global log.
 *
 * The leaf input (the RFC's "entry") is the canonical JSON (the event store's own `canonicalJson`: keys sorted, no
 * whitespace) of `{ hash, id, position, revision, stream, type }`, where `hash` is the event's hash-chain link:
 * sha256 over the previous link and the canonical JSON of `{ data, id, metadata, revision, stream, type }` in their
 * STORED form (sealed personal fields as ciphertext). So a leaf binds the event's global position, stream, revision,
 * type, body and metadata, and its place in its stream's chain, while:
 * - an erasure (a shredded data key) changes no leaf: the stored form is unchanged;
 * - no personal value is hashed on its own (a leaf of a low-entropy field could be guessed by trying values).
 * A verifier recomputes `hash` from the event's stored form and its previous link (never trusting a stored hash),
 * then the leaf.
 */
export interface LeafEntry {
  position: number;
  stream: string;
  revision: number;
  type: string;
  id: string;
  /** The event's hash-chain link (hex). */
  hash: string;
}

/** An event in its stored form with its previous link: what a verifier needs to recompute a leaf. */
export interface StoredEventContent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  id: string;
  data: unknown;
  metadata: unknown;
  /** The hash-chain link of the stream's previous event ('' for revision 0). */
  previousHash: string;
}

export function leafInput(entry: LeafEntry): Buffer {
  return Buffer.from(
    canonicalJson({ hash: entry.hash, id: entry.id, position: entry.position, revision: entry.revision, stream: entry.stream, type: entry.type }),
    'utf8',
  );
}

export function leafHashOf(entry: LeafEntry): Hash {
  return hashLeaf(leafInput(entry));
}

/** The leaf an event's stored content commits to, its chain link recomputed from the content. */
export function leafHashOfContent(event: StoredEventContent): Hash {
  const hash = chainHash(event.previousHash, {
    id: event.id,
    streamId: event.stream,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata as Record<string, unknown>,
  });
  return leafHashOf({ position: event.position, stream: event.stream, revision: event.revision, type: event.type, id: event.id, hash });
}
