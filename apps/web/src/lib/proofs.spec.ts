import { chainHash } from '@stepwell/event-store';
import { inclusionProof, leafHashOfContent as nodeLeafHashOfContent, memoryNodes, rootHash, type StoredEventContent, TreeHeadSigner } from '@stepwell/transparency';
import { describe, expect, it } from 'vitest';
import { chainLinkOf, leafHashOfContent, markText, type ProvenReport, toHex, verifyReport } from './proofs';

/**
 * The browser's verifier against what the Node library (libs/platform/transparency, the services' own code) produces:
 * the same leaves, and proofs and signed heads it made verify here — and tampered ones do not.
 */
const occurredAt = new Date().toISOString();
function storedLog(size: number): StoredEventContent[] {
  const events: StoredEventContent[] = [];
  const lastLink = new Map<string, string>();
  for (let position = 1; position <= size; position++) {
    const stream = `episode-${position % 3}`;
    const revision = events.filter((e) => e.stream === stream).length;
    const event = {
      position, stream, revision, type: position % 2 ? 'StepChanged' : 'ResponseRecorded', id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      // Keys out of order, nesting, non-ASCII text and a sealed-looking value: the canonical JSON must agree byte for byte.
      data: { zeta: [3, { b: 'ü', a: null }], alpha: `Ünïcödé “quoted” ${position}`, sealed: { ciphertext: 'AbC+/=', keyId: 'k1' } },
      metadata: { occurredAt, patientSubjectId: 'p-1', actor: { role: 'clinician', organisationId: 'DEMTT1', userId: 'u-1' } },
      previousHash: lastLink.get(stream) ?? '',
    };
    lastLink.set(stream, chainHash(event.previousHash, { id: event.id, streamId: stream, revision, type: event.type, data: event.data, metadata: event.metadata }));
    events.push(event);
  }
  return events;
}

function nodeReport(size: number, picked: number[], signer = TreeHeadSigner.ephemeral()): ProvenReport {
  const log = storedLog(size);
  const nodes = memoryNodes(log.map(nodeLeafHashOfContent));
  const head = signer.sign({ version: 1, log: 'outcomes', treeSize: size, rootHash: rootHash(nodes, size).toString('hex'), timestamp: occurredAt, keyId: signer.keyId });
  const events = picked.map((i) => ({ ...(log[i] as StoredEventContent), leafIndex: i, proof: inclusionProof(nodes, i, size).map((h) => h.toString('hex')) }));
  return { log: 'outcomes', treeHead: head, events };
}

describe('the browser’s proof checks, cross-checked with the Node library', () => {
  it('recomputes the same chain links and leaves as the services', async () => {
    for (const event of storedLog(5)) {
      const leafIndex = event.position - 1;
      expect(toHex(await leafHashOfContent({ ...event, leafIndex, proof: [] }))).toBe(nodeLeafHashOfContent(event).toString('hex'));
      const metadata = event.metadata as Record<string, unknown>;
      expect(await chainLinkOf(event)).toBe(chainHash(event.previousHash, { id: event.id, streamId: event.stream, revision: event.revision, type: event.type, data: event.data, metadata }));
    }
  });

  it('verifies every event of a report the Node library proved, against a head it signed (sizes that are not powers of two too)', async () => {
    const signer = TreeHeadSigner.ephemeral();
    for (const size of [1, 2, 7, 13]) {
      const report = nodeReport(size, [...Array(size).keys()], signer);
      const outcome = await verifyReport(report, [signer.publicKey]);
      expect(outcome.head).toEqual({ ok: true, treeSize: size, log: 'outcomes', timestamp: occurredAt });
      expect([...outcome.events.values()].every((mark) => mark.ok)).toBe(true);
      expect(outcome.events.size).toBe(size);
    }
    const [one] = (await verifyReport(nodeReport(3, [1], signer), [signer.publicKey])).events.values();
    expect(markText(one)).toMatch(/^Verified against head 3 signed by outcomes at /);
  });

  it('fails only the altered event when its stored body, metadata, previous link or proof was changed', async () => {
    const signer = TreeHeadSigner.ephemeral();
    const alterations: Array<(e: ProvenReport['events'][number]) => void> = [
      (e) => ((e.data as { alpha: string }).alpha = 'changed'),
      (e) => ((e.metadata as { occurredAt: string }).occurredAt = new Date(0).toISOString()),
      (e) => (e.previousHash = 'ab'.repeat(32)),
      (e) => (e.leafIndex = e.leafIndex + 1),
      (e) => (e.proof = e.proof.slice(1)),
    ];
    for (const alter of alterations) {
      const report = nodeReport(9, [2, 5, 8], signer);
      alter(report.events[1] as ProvenReport['events'][number]);
      const outcome = await verifyReport(report, [signer.publicKey]);
      expect([2, 5, 8].map((p) => outcome.events.get(p + 1)?.ok)).toEqual([true, false, true]);
      expect(markText(outcome.events.get(6))).toMatch(/^NOT VERIFIED: its inclusion proof does not lead to the signed root/);
    }
  });

  it('fails every event when the head’s signature, root or key does not verify', async () => {
    const signer = TreeHeadSigner.ephemeral();
    const other = TreeHeadSigner.ephemeral();
    const cases: Array<[ProvenReport, Parameters<typeof verifyReport>[1]]> = [];
    const forged = nodeReport(5, [0, 4], signer);
    forged.treeHead = { ...forged.treeHead, rootHash: '00'.repeat(32) };
    cases.push([forged, [signer.publicKey]]);
    cases.push([nodeReport(5, [0, 4], signer), [other.publicKey]]);
    // A key passed off under the signer's id: the id does not follow from the key.
    cases.push([nodeReport(5, [0, 4], signer), [{ ...other.publicKey, keyId: signer.keyId }]]);
    const resized = nodeReport(5, [0, 4], signer);
    resized.treeHead = { ...resized.treeHead, treeSize: 6 };
    cases.push([resized, [signer.publicKey]]);
    for (const [report, keys] of cases) {
      const outcome = await verifyReport(report, keys);
      expect(outcome.head.ok).toBe(false);
      expect([...outcome.events.values()].map((m) => m.ok)).toEqual([false, false]);
    }
  });
});
