import { leafHashOfContent } from '../log/leaf';
import { type Hash, memoryNodes, rootHash, verifyInclusion } from '../merkle/merkle';
import { type PublicKeyRecord, type SignedTreeHead, verifyTreeHeadSignature } from '../heads/tree-head';
import { REPORT_FORMAT, type TransparencyReport } from './report';

export interface FirstBad {
  /** Leaf index (0-based place in the log) of the first entry that could not be proven. */
  leafIndex: number;
  /** The global position the report gives there (none when the report ends before it). */
  position: number | null;
  reason: string;
}

export interface VerificationOutcome {
  ok: boolean;
  headsChecked: number;
  eventsChecked: number;
  /** Problems with the heads themselves (bad signature, split view), in file order. */
  headProblems: string[];
  firstBad: FirstBad | null;
}

export interface VerifyInput {
  report: TransparencyReport;
  heads: readonly SignedTreeHead[];
  keys: readonly PublicKeyRecord[];
  progress?: (line: string) => void;
}

const hashOf = (hex: string): Hash => Buffer.from(hex, 'hex');

/**
 * Re-checks a report with nothing but the report, the signed heads and the public keys:
 * 1. every head's signature, by the key its id names; two valid heads of one size with different roots (a split
 *    view) fail the whole check;
 * 2. the report's head must be one of those signed heads (same size and root);
 * 3. each event's leaf is recomputed from its stored content (its chain link recomputed, never read) and its inclusion
 *    proof checked against the signed root;
 * 4. for a whole-log report, the leaves must be exactly the head's size, and every signed head of a size the report
 *    covers must have the root of that prefix.
 * An entry is proven when its own proof verifies or it lies in a prefix whose root a signed head confirms; the first
 * entry that is not is named (with heads issued after every append, exactly the altered one; with heads a minute
 * apart, the first leaf after the last head that still matches).
 */
export function verifyReport({ report, heads, keys, progress = () => undefined }: VerifyInput): VerificationOutcome {
  const headProblems: string[] = [];
  if (report.format !== REPORT_FORMAT) headProblems.push(`the report is not a ${REPORT_FORMAT} document`);
  const valid: SignedTreeHead[] = [];
  heads.forEach((head, i) => {
    if (head.log !== report.log) return;
    if (verifyTreeHeadSignature(head, keys)) valid.push(head);
    else headProblems.push(`tree head ${i + 1} (size ${head.treeSize}, key ${head.keyId}) has no valid signature by a known key`);
  });
  const bySize = new Map<number, SignedTreeHead>();
  for (const head of valid) {
    const seen = bySize.get(head.treeSize);
    if (seen && seen.rootHash !== head.rootHash) headProblems.push(`split view: two signed heads of size ${head.treeSize} with different roots`);
    if (!seen) bySize.set(head.treeSize, head);
  }
  progress(`heads: ${heads.length} read, ${valid.length} validly signed (${keys.length} public key${keys.length === 1 ? '' : 's'})`);
  const target = bySize.get(report.treeHead.treeSize);
  if (!target || target.rootHash !== report.treeHead.rootHash) {
    headProblems.push(`the report's tree head (size ${report.treeHead.treeSize}) is not among the signed heads`);
  }
  if (headProblems.length > 0 || !target) return { ok: false, headsChecked: heads.length, eventsChecked: 0, headProblems, firstBad: null };

  const root = hashOf(target.rootHash);
  const size = target.treeSize;
  const leaves: Hash[] = [];
  const proven: boolean[] = [];
  let firstBad: FirstBad | null = null;
  const note = (bad: FirstBad) => {
    if (!firstBad || bad.leafIndex < firstBad.leafIndex) firstBad = bad;
  };
  report.events.forEach((event, ordinal) => {
    const leaf = leafHashOfContent(event);
    leaves.push(leaf);
    const index = report.scope === 'log' ? ordinal : event.leafIndex;
    const ok = event.leafIndex === index && verifyInclusion(index, size, leaf, event.proof.map(hashOf), root);
    proven[index] = ok;
    if (report.scope === 'events' && !ok) note({ leafIndex: index, position: event.position, reason: 'its inclusion proof does not lead to the signed root' });
    if ((ordinal + 1) % 1000 === 0) progress(`events: ${ordinal + 1}/${report.events.length} checked`);
  });

  if (report.scope === 'log') {
    // Prefixes confirmed by signed heads: everything below the largest such size is proven.
    const nodes = memoryNodes(leaves);
    let confirmed = 0;
    const covered = [...bySize.values()].filter((head) => head.treeSize <= Math.min(size, leaves.length)).sort((a, b) => a.treeSize - b.treeSize);
    for (const head of covered) {
      if (rootHash(nodes, head.treeSize).toString('hex') !== head.rootHash) break;
      confirmed = head.treeSize;
    }
    for (let i = 0; i < confirmed; i++) proven[i] = true;
    const limit = Math.min(size, leaves.length);
    for (let i = 0; i < limit; i++) {
      if (!proven[i]) {
        note({ leafIndex: i, position: report.events[i]?.position ?? null, reason: 'its leaf is not the one the signed heads commit to (altered, inserted, moved or missing before it)' });
        break;
      }
    }
    if (leaves.length < size) note({ leafIndex: leaves.length, position: null, reason: `the log ends after ${leaves.length} events; the signed head has ${size}` });
    if (leaves.length > size) progress(`note: ${leaves.length - size} events after the head were not checked`);
  }
  const eventsChecked = report.events.length;
  progress(`events: ${eventsChecked} checked against the head of size ${size}`);
  return { ok: firstBad === null, headsChecked: heads.length, eventsChecked, headProblems, firstBad };
}
