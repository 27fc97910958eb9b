import { createHash } from 'node:crypto';
import {
  EMPTY_ROOT,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  memoryNodes,
  plannedNodes,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

/**
 * An independent, straightforward reading of RFC 9162 §2.1: the definitions applied literally to lists of entries,
 * slicing and recursing, with no node cache and no shared code with the implementation under test.
 */
const naive = {
  sha(...parts: Buffer[]): Buffer {
    return createHash('sha256').update(Buffer.concat(parts)).digest();
  },
  k(n: number): number {
    let k = 1;
    while (k < n) k <<= 1;
    return k >> 1;
  },
  mth(d: Buffer[]): Buffer {
    if (d.length === 0) return naive.sha();
    if (d.length === 1) return naive.sha(Buffer.from([0]), d[0]!);
    const k = naive.k(d.length);
    return naive.sha(Buffer.from([1]), naive.mth(d.slice(0, k)), naive.mth(d.slice(k)));
  },
  path(m: number, d: Buffer[]): Buffer[] {
    if (d.length === 1) return [];
    const k = naive.k(d.length);
    return m < k ? [...naive.path(m, d.slice(0, k)), naive.mth(d.slice(k))] : [...naive.path(m - k, d.slice(k)), naive.mth(d.slice(0, k))];
  },
  subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
    const n = d.length;
    if (m === n) return b ? [] : [naive.mth(d)];
    const k = naive.k(n);
    return m <= k
      ? [...naive.subproof(m, d.slice(0, k), b), naive.mth(d.slice(k))]
      : [...naive.subproof(m - k, d.slice(k), false), naive.mth(d.slice(0, k))];
  },
  proof(m: number, d: Buffer[]): Buffer[] {
    return naive.subproof(m, d, true);
  },
};

const entries = Array.from({ length: 64 }, (_, i) => Buffer.from(`entry ${i} ${'x'.repeat(i % 7)}`));
const sizes = Array.from({ length: 64 }, (_, i) => i + 1);
const hex = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const flipped = (hash: Buffer) => {
  const copy = Buffer.from(hash);
  copy[0] = copy[0]! ^ 0x01;
  return copy;
};

describe('the Merkle tree (RFC 9162 §2.1) against a literal reading of the RFC, trees of 1 to 64 entries', () => {
  const nodes = memoryNodes(entries.map((entry) => hashLeaf(entry)));

  it('has the empty tree root SHA-256 of nothing, and a one-entry root SHA-256(0x00 || entry)', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootHash(nodes, 0).equals(EMPTY_ROOT)).toBe(true);
    expect(rootHash(nodes, 1).toString('hex')).toBe(createHash('sha256').update(Buffer.concat([Buffer.from([0]), entries[0]!])).digest('hex'));
  });

  it.each(sizes)('size %i: the same root', (n) => {
    expect(rootHash(nodes, n).toString('hex')).toBe(naive.mth(entries.slice(0, n)).toString('hex'));
  });

  it.each(sizes)('size %i: every inclusion proof equals the literal one and verifies; a changed leaf, index, size or path does not', (n) => {
    const root = naive.mth(entries.slice(0, n));
    for (let m = 0; m < n; m++) {
      const proof = inclusionProof(nodes, m, n);
      expect(hex(proof)).toEqual(hex(naive.path(m, entries.slice(0, n))));
      const leaf = hashLeaf(entries[m]!);
      expect(verifyInclusion(m, n, leaf, proof, root)).toBe(true);
      expect(verifyInclusion(m, n, hashLeaf(Buffer.from('forged')), proof, root)).toBe(false);
      if (n > 1) expect(verifyInclusion((m + 1) % n, n, leaf, proof, root)).toBe(false);
      if (proof.length > 0) {
        expect(verifyInclusion(m, n, leaf, [...proof.slice(0, -1), flipped(proof.at(-1)!)], root)).toBe(false);
        expect(verifyInclusion(m, n, leaf, proof.slice(0, -1), root)).toBe(false);
      }
      expect(verifyInclusion(m, n, leaf, [...proof, root], root)).toBe(false);
    }
  });

  it.each(sizes)('size %i: every consistency proof from each smaller size equals the literal one and verifies; a wrong root or path does not', (n) => {
    const second = naive.mth(entries.slice(0, n));
    for (let m = 1; m <= n; m++) {
      const first = naive.mth(entries.slice(0, m));
      const proof = consistencyProof(nodes, m, n);
      expect(hex(proof)).toEqual(hex(naive.proof(m, entries.slice(0, n))));
      expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
      expect(verifyConsistency(m, n, flipped(first), second, proof)).toBe(false);
      expect(verifyConsistency(m, n, first, flipped(second), proof)).toBe(false);
      if (proof.length > 0) {
        expect(verifyConsistency(m, n, first, second, [flipped(proof[0]!), ...proof.slice(1)])).toBe(false);
        expect(verifyConsistency(m, n, first, second, proof.slice(0, -1))).toBe(false);
      }
      if (m < n) {
        // A tree that is not an extension of the first: another entry at its first leaf.
        const other = naive.mth([Buffer.from('rewritten'), ...entries.slice(1, n)]);
        expect(verifyConsistency(m, n, first, other, proof)).toBe(false);
      }
    }
  });

  it('reads only O(log n) complete nodes for a proof, listed before any hash is needed', () => {
    const planned = plannedNodes((source) => inclusionProof(source, 37, 64));
    expect(planned.length).toBeLessThanOrEqual(6);
    expect(plannedNodes((source) => rootHash(source, 63)).length).toBeLessThanOrEqual(6);
  });

  it('refuses proofs that do not exist rather than inventing them', () => {
    expect(() => inclusionProof(nodes, 5, 5)).toThrow(RangeError);
    expect(() => consistencyProof(nodes, 0, 5)).toThrow(RangeError);
    expect(() => consistencyProof(nodes, 6, 5)).toThrow(RangeError);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(false);
  });
});
