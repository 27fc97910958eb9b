import { createPublicKey, verify } from 'node:crypto';
import { canonicalJson } from '@stepwell/event-store';
import { verifyConsistency } from '../merkle/merkle';
import { keyIdOf, type PublicKeyRecord, type SignedTreeHead, type TreeHeadSigner, verifyTreeHeadSignature } from '../heads/tree-head';

/**
 * What a service announces when it signs a head (issue 19 point 2): the head, the key that signed it, and the
 * RFC 9162 consistency proof from its previous head (`fromSize` 0 and no proof for its first head).
 */
export interface HeadAnnouncement {
  head: SignedTreeHead;
  publicKey: PublicKeyRecord;
  /** The size of the producer's previous head; 0 for its first. */
  fromSize: number;
  /** Hex hashes of the consistency proof from `fromSize` to `head.treeSize`. */
  consistencyProof: string[];
}

/** What a witness already holds of one log. */
export interface WitnessView {
  /** The key pinned for the log: the first one the witness saw sign it. */
  pinnedKeyId: string | null;
  /** The largest head of the log the witness accepted. */
  latest: SignedTreeHead | null;
  /** A head of the same size as the announced one, if the witness holds one (a replay, or a fork). */
  sameSize: SignedTreeHead | null;
}

export type WitnessAlertReason =
  /** The head's signature does not verify with the key it names, or the key is not the one its id names. */
  | 'bad-signature'
  /** Two signed heads of one size with different roots: the log shows different histories to different readers. */
  | 'split-view'
  /** The consistency proof does not show the held head's tree as a prefix of the new one. */
  | 'inconsistent'
  /** A valid head signed with another key than the pinned one (a rotation, or a stolen log): accepted and flagged. */
  | 'key-changed'
  /** A head smaller than the latest held that the witness cannot place (no held head of its size): not accepted. */
  | 'rolled-back';

export type WitnessVerdict =
  /** Check it and countersign it (possibly with a `key-changed` alert). */
  | { accept: true; alerts: WitnessAlertReason[] }
  /** Already witnessed (the same head again, as a redelivered message): nothing to do. */
  | { accept: false; duplicate: true; alerts: [] }
  /** Refused: an alert says why; the held view is left as it was. */
  | { accept: false; duplicate: false; alerts: WitnessAlertReason[] };

const HEX_HASH = /^[0-9a-f]{64}$/;

const refuse = (reason: WitnessAlertReason): WitnessVerdict => ({ accept: false, duplicate: false, alerts: [reason] });

/**
 * The witness's decision on an announced head, given what it holds of that log (pure: the caller stores the result).
 * A published head can never be silently replaced: a second head of a held size must carry the same root, and a new
 * larger head must prove that the held one is a prefix of it. A gap (the witness's latest is not the producer's
 * previous head) is checked against the announced proof only when the sizes line up; otherwise the head is accepted
 * on the strength of its signature and the next consistent pair re-establishes the chain (a delivery gap, not a fork).
 */
export function witnessDecision(announcement: HeadAnnouncement, view: WitnessView): WitnessVerdict {
  const { head, publicKey } = announcement;
  if (publicKey.keyId !== head.keyId || !verifyTreeHeadSignature(head, [publicKey])) return refuse('bad-signature');
  if (view.sameSize) {
    if (view.sameSize.rootHash !== head.rootHash) return refuse('split-view');
    return { accept: false, duplicate: true, alerts: [] };
  }
  const latest = view.latest;
  if (latest && latest.treeSize > head.treeSize) return refuse('rolled-back');
  if (latest && latest.treeSize === announcement.fromSize) {
    if (!announcement.consistencyProof.every((hash) => HEX_HASH.test(hash))) return refuse('inconsistent');
    const proof = announcement.consistencyProof.map((hash) => Buffer.from(hash, 'hex'));
    const consistent = verifyConsistency(latest.treeSize, head.treeSize, Buffer.from(latest.rootHash, 'hex'), Buffer.from(head.rootHash, 'hex'), proof);
    if (!consistent) return refuse('inconsistent');
  }
  const alerts: WitnessAlertReason[] = view.pinnedKeyId && view.pinnedKeyId !== head.keyId ? ['key-changed'] : [];
  return { accept: true, alerts };
}

/** A witness's signature over a head it checked: over the head (its signature included) and the witness's name. */
export interface Countersignature {
  /** The witnessing service. */
  witness: string;
  keyId: string;
  /** Ed25519, base64. */
  signature: string;
}

export function countersignedBytes(head: SignedTreeHead, witness: string): Buffer {
  return Buffer.from(canonicalJson({ head: { ...head }, witness }), 'utf8');
}

export function countersign(head: SignedTreeHead, witness: string, signer: TreeHeadSigner): Countersignature {
  return { witness, keyId: signer.keyId, signature: signer.signBytes(countersignedBytes(head, witness)) };
}

/** Whether `countersignature` is the named witness's, by one of its `keys`, over exactly this head. */
export function verifyCountersignature(head: SignedTreeHead, countersignature: Countersignature, keys: readonly PublicKeyRecord[]): boolean {
  const record = keys.find((key) => key.keyId === countersignature.keyId);
  if (!record) return false;
  try {
    const publicKey = createPublicKey(record.publicKey);
    if (keyIdOf(publicKey) !== record.keyId) return false;
    return verify(null, countersignedBytes(head, countersignature.witness), publicKey, Buffer.from(countersignature.signature, 'base64'));
  } catch {
    return false;
  }
}
