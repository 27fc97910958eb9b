import { consistencyProof, type Hash, memoryNodes, rootHash, verifyConsistency } from '../merkle/merkle';
import { type PublicKeyRecord, type SignedTreeHead, verifyTreeHeadSignature } from '../heads/tree-head';

/** Where a witness places a log's present state against the heads it holds (issue 19, mutation table). */
export type ForkLocation =
  | { ok: true; heldChecked: number }
  | {
      ok: false;
      /** The first leaf not confirmed: the size of the last held head the log still extends (exact with a head per append). */
      firstBadLeaf: number;
      /** The first held head the log no longer extends. */
      heldTreeSize: number;
      reason: 'rolled-back' | 'inconsistent';
    };

/**
 * A witness's check of a log as its producer presents it now (`current`: a head, signed or not, over the present tree)
 * against every head the witness holds of it: each held head must be a prefix of the present tree (an RFC 9162
 * consistency proof the producer answers with, `GET /audit/log/proofs/consistency`, or the same root at the same size);
 * a held head larger than the present tree means the log was rolled back. Returns the first held head that fails and
 * so the first leaf not confirmed: the size of the last held head that passes. Consistency is monotone in the prefix,
 * so the scan stops at the first failure.
 */
export async function locateFirstBadLeaf(
  held: readonly SignedTreeHead[],
  current: { treeSize: number; rootHash: string },
  proof: (from: number, to: number) => Promise<readonly Buffer[]>,
): Promise<ForkLocation> {
  const heads = [...held].sort((a, b) => a.treeSize - b.treeSize);
  let confirmed = 0;
  for (const head of heads) {
    if (head.treeSize > current.treeSize) return { ok: false, firstBadLeaf: confirmed, heldTreeSize: head.treeSize, reason: 'rolled-back' };
    const consistent =
      head.treeSize === current.treeSize
        ? head.rootHash === current.rootHash
        : await proof(head.treeSize, current.treeSize).then(
            (hashes) => verifyConsistency(head.treeSize, current.treeSize, Buffer.from(head.rootHash, 'hex'), Buffer.from(current.rootHash, 'hex'), [...hashes]),
            () => false,
          );
    if (!consistent) return { ok: false, firstBadLeaf: confirmed, heldTreeSize: head.treeSize, reason: 'inconsistent' };
    confirmed = head.treeSize;
  }
  return { ok: true, heldChecked: heads.length };
}

/**
 * `locateFirstBadLeaf` against a log's content rather than the producer's tree: the leaves recomputed from the stored
 * events (an `export` report's events, `leafHashOfContent`), the root and proofs computed here. What a witness (or an
 * auditor) does with a copy of the log: a tree that still matches its heads while the content under it changed is
 * caught too.
 */
export function locateInLeaves(held: readonly SignedTreeHead[], leaves: readonly Hash[]): Promise<ForkLocation> {
  const nodes = memoryNodes(leaves);
  const current = { treeSize: leaves.length, rootHash: rootHash(nodes, leaves.length).toString('hex') };
  return locateFirstBadLeaf(held, current, async (from, to) => consistencyProof(nodes, from, to));
}

/** One witness's countersigned heads of one log (`GET /audit/log/witnessed` of that witness). */
export interface WitnessHoldings {
  witness: string;
  heads: readonly SignedTreeHead[];
}

export interface SplitView {
  log: string;
  treeSize: number;
  /** Witness → the root it holds for that size. */
  roots: Record<string, string>;
}

export type CrossCheck =
  | { ok: true; sizesCompared: number }
  | {
      ok: false;
      splitViews: SplitView[];
      /** The first leaf the witnesses do not agree on: the largest size below the first split they all hold alike. */
      firstBadLeaf: number;
    };

/**
 * Compares what several witnesses hold of one log: a producer that shows different histories to different witnesses
 * (a forked log) passes each witness's own checks, but two validly signed heads of one size with different roots,
 * held by two witnesses, prove the fork. Heads whose signature does not verify with `keys` are left out (they prove
 * nothing about the producer). The first bad leaf is the size of the largest head below the first split on which
 * every witness holding it agrees (exact with a head per append).
 */
export function crossCheckWitnesses(log: string, holdings: readonly WitnessHoldings[], keys: readonly PublicKeyRecord[]): CrossCheck {
  const bySize = new Map<number, Map<string, string>>();
  for (const { witness, heads } of holdings) {
    for (const head of heads) {
      if (head.log !== log || !verifyTreeHeadSignature(head, keys)) continue;
      const roots = bySize.get(head.treeSize) ?? new Map<string, string>();
      roots.set(witness, head.rootHash);
      bySize.set(head.treeSize, roots);
    }
  }
  const sizes = [...bySize.entries()].sort(([a], [b]) => a - b);
  const splitViews: SplitView[] = [];
  const agreed: number[] = [];
  for (const [size, roots] of sizes) {
    if (new Set(roots.values()).size > 1) splitViews.push({ log, treeSize: size, roots: Object.fromEntries([...roots].sort(([a], [b]) => a.localeCompare(b))) });
    else if (splitViews.length === 0) agreed.push(size);
  }
  if (splitViews.length === 0) return { ok: true, sizesCompared: sizes.length };
  return { ok: false, splitViews, firstBadLeaf: agreed.at(-1) ?? 0 };
}
