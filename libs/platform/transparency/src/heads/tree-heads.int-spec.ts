import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '@stepwell/event-store';
import { CreateProjectionCheckpoints1763700000000, openReadModelDataSource, ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import type { DataSource } from 'typeorm';
import { TRANSPARENCY_MIGRATIONS } from '../log/create-transparency-log.migration';
import { TransparencyLogProjection, TransparencyTree } from '../log/transparency-tree';
import { hashLeaf, memoryNodes, rootHash } from '../merkle/merkle';
import { leafInput } from '../log/leaf';
import { HeadsFile, readJsonLines } from './heads-file';
import { type PublicKeyRecord, type SignedTreeHead, TreeHeadSigner, verifyTreeHeadSignature } from './tree-head';
import { TreeHeads } from './tree-heads.service';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'Noted',
  data: { n: 1 },
  metadata: { occurredAt: new Date().toISOString(), correlationId: 'c', causationId: null, actor: { userId: 'u', organisationId: 'X1', role: 'clinician' }, schemaVersion: 1 },
});

describe('the tree kept from the log, and its signed heads', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  let tree: TransparencyTree;
  let directory: string;
  const query = (sql: string, parameters?: unknown[]) => dataSource.query(sql, parameters) as Promise<unknown>;

  beforeEach(async () => {
    database = await createTestDatabase('transparency_heads');
    store = await createPostgresEventStore({ connectionString: database.url, schema: 'heads_events' });
    dataSource = await openReadModelDataSource({
      service: 'heads',
      url: database.url,
      entities: [],
      migrations: [CreateProjectionCheckpoints1763700000000, ...TRANSPARENCY_MIGRATIONS],
    });
    tree = TransparencyTree.of(dataSource);
    runner = new ProjectionRunner({ store, dataSource, projections: [new TransparencyLogProjection(tree)], restartDelayMs: 20, pageSize: 7 });
    await runner.start();
    directory = mkdtempSync(path.join(tmpdir(), 'tlog-heads-'));
  });
  afterEach(async () => {
    await runner.stop();
    await dataSource.destroy();
    await store.close();
    await database.drop();
    rmSync(directory, { recursive: true, force: true });
  });

  const append = async (count: number, streams = 4) => {
    let position = 0;
    for (let i = 0; i < count; i++) {
      position = (await store.appendToStreams([{ streamId: `s-${i % streams}`, events: [event()], expectedRevision: 'any' }])).lastGlobalPosition;
    }
    await runner.waitFor(position);
    return position;
  };

  it('holds one leaf per event of the log, in log order, and the root of those leaves, whatever the page size', async () => {
    await append(23);
    const log = await store.readAll();
    const leaves = log.map((recorded) =>
      hashLeaf(leafInput({ position: recorded.globalPosition, stream: recorded.streamId, revision: recorded.revision, type: recorded.type, id: recorded.id, hash: recorded.hash })),
    );
    expect(await tree.size(query)).toBe(23);
    for (let size = 1; size <= 23; size++) expect([size, (await tree.root(query, size)).toString('hex')]).toEqual([size, rootHash(memoryNodes(leaves), size).toString('hex')]);
  });

  it('rebuilds to the same tree from the log', async () => {
    await append(13);
    const before = await tree.root(query, 13);
    await runner.rebuild('transparency.log');
    expect((await tree.root(query, 13)).equals(before)).toBe(true);
  });

  it('signs a head only when the log grew since the last (the minute timer), and on demand always', async () => {
    const heads = new TreeHeads({ service: 'heads', dataSource, tree, signer: TreeHeadSigner.ephemeral() });
    expect(await heads.issueIfGrown()).toBeNull();
    await append(3);
    const first = await heads.issueIfGrown();
    expect(first).toMatchObject({ treeSize: 3, log: 'heads', version: 1 });
    expect(await heads.issueIfGrown()).toBeNull();
    const onDemand = await heads.issue();
    expect(onDemand.treeSize).toBe(3);
    expect(onDemand.rootHash).toBe(first?.rootHash);
    expect((await heads.list(0, 10)).items).toEqual([onDemand, first]);
  });

  it('appends each head to the heads file, never rewriting a line, and each key once; after a rotation both keys verify their heads', async () => {
    const file = new HeadsFile(directory, 'heads');
    const oldKey = TreeHeadSigner.ephemeral();
    await append(2);
    await new TreeHeads({ service: 'heads', dataSource, tree, signer: oldKey, headsFile: file }).issue();
    const firstBytes = readFileSync(file.headsPath, 'utf8');
    await append(2);
    await new TreeHeads({ service: 'heads', dataSource, tree, signer: oldKey, headsFile: file }).issue();
    const newKey = TreeHeadSigner.ephemeral();
    const rotated = new TreeHeads({ service: 'heads', dataSource, tree, signer: newKey, headsFile: new HeadsFile(directory, 'heads') });
    await append(1);
    await rotated.issue();
    expect(readFileSync(file.headsPath, 'utf8').startsWith(firstBytes)).toBe(true);
    const heads = readJsonLines<SignedTreeHead>(file.headsPath);
    const keys = readJsonLines<PublicKeyRecord>(file.keysPath);
    expect(heads.map((head) => [head.treeSize, head.keyId])).toEqual([
      [2, oldKey.keyId],
      [4, oldKey.keyId],
      [5, newKey.keyId],
    ]);
    expect(keys.map((key) => key.keyId)).toEqual([oldKey.keyId, newKey.keyId]);
    expect(heads.every((head) => verifyTreeHeadSignature(head, keys))).toBe(true);
    expect((await rotated.keys()).map((key) => [key.keyId, key.current])).toEqual([
      [oldKey.keyId, false],
      [newKey.keyId, true],
    ]);
  });
});
