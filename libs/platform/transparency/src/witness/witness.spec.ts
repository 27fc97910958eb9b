import { createHash } from 'node:crypto';
import { consistencyProof, type Hash, memoryNodes, rootHash } from '../merkle/merkle';
import { type SignedTreeHead, TreeHeadSigner } from '../heads/tree-head';
import { countersign, type HeadAnnouncement, verifyCountersignature, witnessDecision, type WitnessView } from './witness';

const leaf = (label: string): Hash => createHash('sha256').update(label).digest();
const leaves = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => leaf(`${prefix}${i}`));
const hex = (hashes: readonly Hash[]) => hashes.map((hash) => hash.toString('hex'));

const producer = TreeHeadSigner.ephemeral();
const witnessKey = TreeHeadSigner.ephemeral();

function head(log: readonly Hash[], size: number, signer = producer): SignedTreeHead {
  return signer.sign({
    version: 1,
    log: 'referrals',
    treeSize: size,
    rootHash: rootHash(memoryNodes(log), size).toString('hex'),
    timestamp: new Date(1_000 * size).toISOString(),
    keyId: signer.keyId,
  });
}

function announce(log: readonly Hash[], fromSize: number, size: number, signer = producer): HeadAnnouncement {
  return { head: head(log, size, signer), publicKey: signer.publicKey, fromSize, consistencyProof: fromSize === 0 ? [] : hex(consistencyProof(memoryNodes(log), fromSize, size)) };
}

const view = (latest: SignedTreeHead | null, sameSize: SignedTreeHead | null = null): WitnessView => ({ pinnedKeyId: latest?.keyId ?? null, latest, sameSize });

describe('the witness decision (issue 19 point 2)', () => {
  const log = leaves('a', 12);

  it('accepts a first head on its signature, and a later one whose proof shows the held tree is its prefix', () => {
    expect(witnessDecision(announce(log, 0, 5), view(null))).toEqual({ accept: true, alerts: [] });
    expect(witnessDecision(announce(log, 5, 12), view(head(log, 5)))).toEqual({ accept: true, alerts: [] });
  });

  it('raises split-view for a second head of a held size with another root', () => {
    const fork = [...log.slice(0, 4), leaf('forged'), ...log.slice(5)];
    expect(witnessDecision(announce(fork, 4, 7), view(head(log, 4), head(log, 7)))).toEqual({ accept: false, duplicate: false, alerts: ['split-view'] });
  });

  it('raises inconsistent when the new head does not extend the held one (a rewritten past), or the proof is garbage', () => {
    const rewritten = [leaf('rewritten'), ...log.slice(1)];
    expect(witnessDecision(announce(rewritten, 5, 9), view(head(log, 5)))).toMatchObject({ accept: false, alerts: ['inconsistent'] });
    const garbage = { ...announce(log, 5, 9), consistencyProof: ['not hex'] };
    expect(witnessDecision(garbage, view(head(log, 5)))).toMatchObject({ accept: false, alerts: ['inconsistent'] });
    const truncated = { ...announce(log, 5, 9), consistencyProof: announce(log, 5, 9).consistencyProof.slice(1) };
    expect(witnessDecision(truncated, view(head(log, 5)))).toMatchObject({ accept: false, alerts: ['inconsistent'] });
  });

  it('raises bad-signature for a changed head, another key, or a key filed under the head key id', () => {
    const good = announce(log, 5, 9);
    const other = TreeHeadSigner.ephemeral();
    expect(witnessDecision({ ...good, head: { ...good.head, treeSize: 10 } }, view(head(log, 5)))).toMatchObject({ alerts: ['bad-signature'] });
    expect(witnessDecision({ ...good, publicKey: other.publicKey }, view(head(log, 5)))).toMatchObject({ alerts: ['bad-signature'] });
    expect(witnessDecision({ ...good, publicKey: { ...other.publicKey, keyId: producer.keyId } }, view(head(log, 5)))).toMatchObject({ alerts: ['bad-signature'] });
  });

  it('treats the same head again as a duplicate (a redelivered message) and refuses a smaller head it cannot place', () => {
    expect(witnessDecision(announce(log, 5, 9), view(head(log, 9), head(log, 9)))).toEqual({ accept: false, duplicate: true, alerts: [] });
    expect(witnessDecision(announce(log, 0, 3), view(head(log, 9)))).toEqual({ accept: false, duplicate: false, alerts: ['rolled-back'] });
  });

  it('accepts a consistent head under a new key and flags key-changed', () => {
    const rotated = TreeHeadSigner.ephemeral();
    expect(witnessDecision(announce(log, 5, 9, rotated), view(head(log, 5)))).toEqual({ accept: true, alerts: ['key-changed'] });
  });

  it('accepts across a delivery gap on the signature alone (the proof is from a head it never saw)', () => {
    expect(witnessDecision(announce(log, 7, 9), view(head(log, 5)))).toEqual({ accept: true, alerts: [] });
  });

  it('countersigns: the countersignature verifies over exactly that head with the witness key', () => {
    const signed = head(log, 9);
    const mark = countersign(signed, 'scheduling', witnessKey);
    expect(verifyCountersignature(signed, mark, [witnessKey.publicKey])).toBe(true);
    expect(verifyCountersignature({ ...signed, rootHash: head(log, 8).rootHash }, mark, [witnessKey.publicKey])).toBe(false);
    expect(verifyCountersignature(signed, { ...mark, witness: 'outcomes' }, [witnessKey.publicKey])).toBe(false);
    expect(verifyCountersignature(signed, mark, [producer.publicKey])).toBe(false);
  });
});
