import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chainHash, GENESIS_HASH } from '@stepwell/event-store';
import { type SignedTreeHead, TreeHeadSigner } from '../heads/tree-head';
import { leafHashOfContent, type StoredEventContent } from '../log/leaf';
import { inclusionProof, memoryNodes, rootHash } from '../merkle/merkle';
import { REPORT_FORMAT, type TransparencyReport } from '../verify/report';
import { verifyReport } from '../verify/verify-report';
import { runAuditCommand } from './audit-command';

/** A log of `count` events over two streams, built in memory with real chain links, and heads over it. */
function world(count: number) {
  const previous = new Map<string, string>();
  const events: StoredEventContent[] = Array.from({ length: count }, (_, i) => {
    const stream = `case-${i % 2}`;
    const revision = Math.floor(i / 2);
    const content = { id: randomUUID(), stream, revision, type: 'Noted', data: { n: i }, metadata: { schemaVersion: 1 }, position: 10 + 3 * i };
    const previousHash = previous.get(stream) ?? GENESIS_HASH;
    previous.set(stream, chainHash(previousHash, { ...content, streamId: stream }));
    return { ...content, previousHash };
  });
  const leaves = events.map(leafHashOfContent);
  const nodes = memoryNodes(leaves);
  const signer = TreeHeadSigner.ephemeral();
  const head = (size: number): SignedTreeHead =>
    signer.sign({ version: 1, log: 'svc', treeSize: size, rootHash: rootHash(nodes, size).toString('hex'), timestamp: new Date(0).toISOString(), keyId: signer.keyId });
  const report = (size: number, scope: 'log' | 'events', pick: (i: number) => boolean = () => true): TransparencyReport => ({
    format: REPORT_FORMAT,
    log: 'svc',
    scope,
    treeHead: head(size),
    events: events
      .slice(0, size)
      .map((event, leafIndex) => ({ ...event, leafIndex, proof: inclusionProof(nodes, leafIndex, size).map((hash) => hash.toString('hex')) }))
      .filter((_, i) => pick(i)),
  });
  return { signer, head, report };
}

describe('npm run audit -- verify (files and public keys only)', () => {
  let directory: string;
  const lines: string[] = [];
  const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
  const write = (name: string, content: string) => {
    const file = path.join(directory, name);
    writeFileSync(file, content);
    return file;
  };
  const jsonl = (items: unknown[]) => items.map((item) => JSON.stringify(item)).join('\n') + '\n';

  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'audit-cli-'));
    lines.length = 0;
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('verifies a whole-log report against heads and the keys saved from GET /audit/log/keys', () => {
    const { signer, head, report } = world(9);
    const reportFile = write('report.json', JSON.stringify(report(9, 'log')));
    const heads = write('svc.tree-heads.jsonl', jsonl([head(3), head(7), head(9)]));
    const keys = write('keys.json', JSON.stringify({ keys: [{ ...signer.publicKey, current: true }] }));
    expect(runAuditCommand(['verify', reportFile, '--heads', heads, '--keys', keys], io)).toBe(0);
    expect(lines).toEqual(
      expect.arrayContaining([expect.stringMatching(/heads: 3 read, 3 validly signed/), expect.stringMatching(/^OK: 9 events proven/)]),
    );
  });

  it('verifies a report of selected events (a case history) each on its own proof, keys beside the heads', () => {
    const { signer, head, report } = world(12);
    const reportFile = write('report.json', JSON.stringify(report(12, 'events', (i) => i % 5 === 1)));
    const heads = write('svc.tree-heads.jsonl', jsonl([head(12)]));
    write('svc.keys.jsonl', jsonl([signer.publicKey]));
    expect(runAuditCommand(['verify', reportFile, '--heads', heads], io)).toBe(0);
    expect(lines.at(-1)).toMatch(/^OK: 3 events proven/);
  });

  it('names the first selected event whose content no longer matches its proof', () => {
    const { signer, head, report } = world(12);
    const selected = report(12, 'events', (i) => i % 5 === 1);
    selected.events[1] = { ...selected.events[1]!, data: { n: 999 } };
    const reportFile = write('report.json', JSON.stringify(selected));
    const heads = write('svc.tree-heads.jsonl', jsonl([head(12)]));
    write('svc.keys.jsonl', jsonl([signer.publicKey]));
    expect(runAuditCommand(['verify', reportFile, '--heads', heads], io)).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAILED: first bad position: leaf 6 \(global position 28\): its inclusion proof does not lead/));
  });

  it('fails on a head whose signature does not verify, and on a split view, naming each', () => {
    const { signer, head, report } = world(6);
    const forged = { ...head(6), rootHash: 'ab'.repeat(32) };
    const other = TreeHeadSigner.ephemeral();
    const split = other.sign({ ...head(6), keyId: other.keyId, rootHash: 'cd'.repeat(32) });
    const reportFile = write('report.json', JSON.stringify(report(6, 'log')));
    const heads = write('svc.tree-heads.jsonl', jsonl([head(6), forged, split]));
    write('svc.keys.jsonl', jsonl([signer.publicKey, other.publicKey]));
    expect(runAuditCommand(['verify', reportFile, '--heads', heads], io)).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(/^FAILED: tree head 2 \(size 6, key [0-9a-f]+\) has no valid signature by a known key/));
    expect(lines).toContainEqual('FAILED: split view: two signed heads of size 6 with different roots');
  });

  it('refuses a report whose head is not among the signed heads (heads signed with a key the auditor does not hold)', () => {
    const { head, report } = world(4);
    const reportFile = write('report.json', JSON.stringify(report(4, 'log')));
    const heads = write('svc.tree-heads.jsonl', jsonl([head(4)]));
    write('svc.keys.jsonl', jsonl([TreeHeadSigner.ephemeral().publicKey]));
    expect(runAuditCommand(['verify', reportFile, '--heads', heads], io)).toBe(1);
    expect(lines).toContainEqual("FAILED: the report's tree head (size 4) is not among the signed heads");
  });

  it('exits 64 on wrong usage and 66 when an input cannot be read', () => {
    expect(runAuditCommand([], io)).toBe(64);
    expect(runAuditCommand(['verify', 'report.json'], io)).toBe(64);
    expect(runAuditCommand(['verify', 'report.json', '--heads', 'h', '--colour'], io)).toBe(64);
    expect(runAuditCommand(['verify', path.join(directory, 'missing.json'), '--heads', path.join(directory, 'h')], io)).toBe(66);
  });

  describe('how precisely the first bad leaf is named with heads a while apart (sizes 4 and 8 of 8)', () => {
    const tamper = (report: TransparencyReport) => ({ ...report, events: report.events.map((event, i) => (i === 6 ? { ...event, data: { n: 'rewritten' } } : event)) });

    it('exactly, when the tree in the database was left alone: leaf 6 is the only proof that fails', () => {
      const { signer, head, report } = world(8);
      const outcome = verifyReport({ report: tamper(report(8, 'log')), heads: [head(4), head(8)], keys: [signer.publicKey] });
      expect(outcome.firstBad).toMatchObject({ leafIndex: 6 });
    });

    it('to the first leaf after the last head that still matches, when the tree was recomputed to fit: leaf 4', () => {
      const { signer, head, report } = world(8);
      const tampered = tamper(report(8, 'log'));
      // The operator recomputed the tree over the rewritten log, so every proof it hands out leads to another root.
      const nodes = memoryNodes(tampered.events.map(leafHashOfContent));
      const recomputed = { ...tampered, events: tampered.events.map((event, i) => ({ ...event, proof: inclusionProof(nodes, i, 8).map((hash) => hash.toString('hex')) })) };
      const outcome = verifyReport({ report: recomputed, heads: [head(4), head(8)], keys: [signer.publicKey] });
      expect(outcome.firstBad).toMatchObject({ leafIndex: 4 });
    });
  });
});
