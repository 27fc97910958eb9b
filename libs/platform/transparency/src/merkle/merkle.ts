import { createHash } from 'node:crypto';

/**
 * RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle tree hashing, proofs and their verifiers, with SHA-256.
 *
 * The tree is reached through `NodeSource`: `node(level, index)` is the hash of the complete, aligned subtree of
 * 2^level leaves starting at leaf `index * 2^level` (level 0: the leaf hashes). Every subtree the RFC's recursions
 * (MTH, PATH, PROOF) name is such a node or splits into them at the largest power of two below its size, so a store
 * that keeps the complete nodes answers any root and proof with O(log n) lookups (`plannedNodes` lists them first,
 * for one query).
 */

export type Hash = Buffer;

export const HASH_SIZE = 32;

const sha256 = (...parts: Buffer[]): Hash => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function hashLeaf(leafInput: Buffer): Hash {
  return sha256(LEAF_PREFIX, leafInput);
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Hash, right: Hash): Hash {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256() (the empty string). */
export const EMPTY_ROOT: Hash = sha256();

/** The largest power of two strictly smaller than n (n > 1). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;
const log2 = (n: number): number => Math.round(Math.log2(n));

/** The hash of the complete aligned subtree of 2^level leaves at `index` (level 0: a leaf hash). */
export type NodeSource = (level: number, index: number) => Hash;

/** MTH(D[start : start + size]) from complete nodes (size >= 1). */
export function subtreeHash(nodes: NodeSource, start: number, size: number): Hash {
  if (size < 1) throw new RangeError('a subtree has at least one leaf');
  if (isPowerOfTwo(size) && start % size === 0) return nodes(log2(size), start / size);
  const k = largestPowerOfTwoBelow(size);
  return hashChildren(subtreeHash(nodes, start, k), subtreeHash(nodes, start + k, size - k));
}

/** The root of the tree of the first `size` leaves; the empty tree's root for 0. */
export function rootHash(nodes: NodeSource, size: number): Hash {
  return size === 0 ? EMPTY_ROOT : subtreeHash(nodes, 0, size);
}

/** PATH(m, D[n]) (RFC 9162 §2.1.3.1), for leaf index m of the tree of the first n leaves, leaf-side first. */
export function inclusionProof(nodes: NodeSource, leafIndex: number, treeSize: number): Hash[] {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  }
  const path = (m: number, start: number, n: number): Hash[] => {
    if (n === 1) return [];
    const k = largestPowerOfTwoBelow(n);
    return m < k
      ? [...path(m, start, k), subtreeHash(nodes, start + k, n - k)]
      : [...path(m - k, start + k, n - k), subtreeHash(nodes, start, k)];
  };
  return path(leafIndex, 0, treeSize);
}

/** PROOF(m, D[n]) (RFC 9162 §2.1.4.1) between the trees of the first m and the first n leaves (0 < m <= n). */
export function consistencyProof(nodes: NodeSource, first: number, second: number): Hash[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
    throw new RangeError(`no consistency proof from ${first} to ${second}`);
  }
  const subproof = (m: number, start: number, n: number, complete: boolean): Hash[] => {
    if (m === n) return complete ? [] : [subtreeHash(nodes, start, n)];
    const k = largestPowerOfTwoBelow(n);
    return m <= k
      ? [...subproof(m, start, k, complete), subtreeHash(nodes, start + k, n - k)]
      : [...subproof(m - k, start + k, n - k, false), subtreeHash(nodes, start, k)];
  };
  return subproof(first, 0, second, true);
}

/**
 * The complete nodes a computation reads, in the order it reads them: run it once against a recording source (the
 * node positions never depend on the hashes), fetch those nodes at once, run it again.
 */
export function plannedNodes(compute: (nodes: NodeSource) => unknown): Array<{ level: number; index: number }> {
  const seen = new Map<string, { level: number; index: number }>();
  const placeholder = Buffer.alloc(HASH_SIZE);
  compute((level, index) => {
    seen.set(`${level}:${index}`, { level, index });
    return placeholder;
  });
  return [...seen.values()];
}

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf `leafHash` at `leafIndex` in the tree of `treeSize` with `root`. */
export function verifyInclusion(leafIndex: number, treeSize: number, leafHash: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `first` leaves with `firstRoot` is a prefix of the tree of
 * `second` leaves with `secondRoot`. Equal sizes: the proof is empty and the roots equal.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Hash, secondRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  const [start] = path;
  if (!start) return false;
  let fr = start;
  let sr = start;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/** A node source over leaf hashes held in memory (complete nodes computed once): the verifier's and tests' tree. */
export function memoryNodes(leaves: readonly Hash[]): NodeSource {
  const cache = new Map<string, Hash>();
  const node: NodeSource = (level, index) => {
    if (level === 0) {
      const leaf = leaves[index];
      if (!leaf) throw new RangeError(`no leaf ${index}`);
      return leaf;
    }
    const key = `${level}:${index}`;
    let hash = cache.get(key);
    if (!hash) {
      hash = hashChildren(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
      cache.set(key, hash);
    }
    return hash;
  };
  return node;
}
