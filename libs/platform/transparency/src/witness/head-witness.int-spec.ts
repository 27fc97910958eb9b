import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type NewEvent } from '@stepwell/event-store';
import { CreateProjectionCheckpoints1763700000000, openReadModelDataSource, ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import type { DataSource } from 'typeorm';
import { TreeHeadSigner } from '../heads/tree-head';
import { TreeHeads } from '../heads/tree-heads.service';
import { TRANSPARENCY_MIGRATIONS } from '../log/create-transparency-log.migration';
import { TransparencyLogProjection, TransparencyTree } from '../log/transparency-tree';
import { HeadWitness, WITNESS_ALERT_CATEGORY, WITNESS_ALERT_RAISED } from './head-witness';
import { verifyCountersignature } from './witness';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'Noted',
  data: { n: 1 },
  metadata: { occurredAt: new Date().toISOString(), correlationId: 'c', causationId: null, actor: { userId: 'u', organisationId: 'X1', role: 'clinician' }, schemaVersion: 1 },
});

/** One service's log (its own event-store and read-model schemas in the shared test database). */
async function openLog(url: string, service: string, signer: TreeHeadSigner) {
  const store = await createPostgresEventStore({ connectionString: url, schema: `${service}_events` });
  const dataSource = await openReadModelDataSource({ service, url, entities: [], migrations: [CreateProjectionCheckpoints1763700000000, ...TRANSPARENCY_MIGRATIONS] });
  const tree = TransparencyTree.of(dataSource);
  const runner = new ProjectionRunner({ store, dataSource, projections: [new TransparencyLogProjection(tree)], restartDelayMs: 20 });
  await runner.start();
  const heads = new TreeHeads({ service: 'referrals', dataSource, tree, signer });
  const append = async (count: number) => {
    let position = 0;
    for (let i = 0; i < count; i++) position = (await store.appendToStreams([{ streamId: `s-${i % 3}`, events: [event()], expectedRevision: 'any' }])).lastGlobalPosition;
    await runner.waitFor(position);
  };
  const close = async () => {
    await runner.stop();
    await dataSource.destroy();
    await store.close();
  };
  return { dataSource, heads, append, close };
}

describe('a service witnessing another service’s heads (issue 19 point 2)', () => {
  let database: TestDatabase;
  let witnessData: DataSource;
  let witness: HeadWitness;
  const producerKey = TreeHeadSigner.ephemeral();
  const witnessKey = TreeHeadSigner.ephemeral();
  const closers: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    database = await createTestDatabase('transparency_witness');
    witnessData = await openReadModelDataSource({ service: 'scheduling', url: database.url, entities: [], migrations: [CreateProjectionCheckpoints1763700000000, ...TRANSPARENCY_MIGRATIONS] });
    witness = new HeadWitness({ service: 'scheduling', dataSource: witnessData, signer: witnessKey });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await witnessData.destroy();
    await database.drop();
  });

  it('countersigns a growing log’s heads in turn, and a redelivered head only once', async () => {
    const referrals = await openLog(database.url, 'referrals', producerKey);
    closers.push(referrals.close);
    await referrals.append(3);
    const first = await referrals.heads.issue();
    await referrals.append(4);
    const second = await referrals.heads.issue();

    const one = await witness.witness(await referrals.heads.announcement(first));
    const two = await witness.witness(await referrals.heads.announcement(second));
    const again = await witness.witness(await referrals.heads.announcement(second));

    expect([one.verdict, two.verdict]).toEqual([{ accept: true, alerts: [] }, { accept: true, alerts: [] }]);
    expect(again.verdict).toEqual({ accept: false, duplicate: true, alerts: [] });
    expect(again.countersignature).toEqual(two.countersignature);
    const held = await witness.witnessed('referrals');
    expect(held.map((entry) => entry.head.treeSize)).toEqual([3, 7]);
    for (const entry of held) expect(verifyCountersignature(entry.head, entry.countersignature, [witnessKey.publicKey])).toBe(true);
    expect(await witness.alerts('referrals')).toEqual([]);
  });

  it('raises split-view when a forked log (same size, another root, same key) is shown to it, and keeps the first head', async () => {
    const referrals = await openLog(database.url, 'referrals', producerKey);
    const fork = await openLog(database.url, 'referrals_fork', producerKey);
    closers.push(referrals.close, fork.close);
    await referrals.append(5);
    await fork.append(5);
    const honest = await referrals.heads.issue();
    const forked = await fork.heads.issue();
    expect(forked.treeSize).toBe(honest.treeSize);
    expect(forked.rootHash).not.toBe(honest.rootHash);

    await witness.witness(await referrals.heads.announcement(honest));
    const outcome = await witness.witness(await fork.heads.announcement(forked));

    expect(outcome).toEqual({ verdict: { accept: false, duplicate: false, alerts: ['split-view'] }, countersignature: null });
    expect(await witness.alerts('referrals')).toEqual([
      expect.objectContaining({ reason: 'split-view', treeSize: 5, rootHash: forked.rootHash, heldTreeSize: 5, heldRootHash: honest.rootHash }),
    ]);
    expect((await witness.witnessed('referrals', 5)).map((entry) => entry.head.rootHash)).toEqual([honest.rootHash]);

    // The fork grows: its next head does not extend the honest head the witness holds.
    await fork.append(2);
    const later = await fork.heads.issue();
    expect((await witness.witness(await fork.heads.announcement(later))).verdict).toEqual({ accept: false, duplicate: false, alerts: ['inconsistent'] });
  });

  it('appends each alert once to the witness’s own log, also when the process stopped between the alert row and its event', async () => {
    const witnessStore = await createPostgresEventStore({ connectionString: database.url, schema: 'scheduling_events' });
    closers.push(() => witnessStore.close());
    const logged = new HeadWitness({ service: 'scheduling', dataSource: witnessData, signer: witnessKey, store: witnessStore });
    const referrals = await openLog(database.url, 'referrals', producerKey);
    const fork = await openLog(database.url, 'referrals_fork', producerKey);
    closers.push(referrals.close, fork.close);
    await referrals.append(4);
    await fork.append(4);
    await logged.witness(await referrals.heads.announcement(await referrals.heads.issue()));
    const forked = await fork.heads.announcement(await fork.heads.issue());

    // The consumer's path: the alert row in the inbox transaction, then the process stops before the event.
    await witnessData.transaction((tx) => logged.witness(forked, tx));
    expect(await logged.alerts('referrals')).toHaveLength(1);
    expect(await witnessStore.readCategory(WITNESS_ALERT_CATEGORY)).toEqual([]);

    // The next call for that log completes it, once; a second call and a redelivered head add nothing.
    expect(await logged.recordAlertEvents('referrals')).toBe(1);
    expect(await logged.recordAlertEvents('referrals')).toBe(0);
    const events = await witnessStore.readCategory(WITNESS_ALERT_CATEGORY);
    expect(events.map((e) => [e.type, (e.data as { reason: string }).reason, (e.data as { treeSize: number }).treeSize])).toEqual([[WITNESS_ALERT_RAISED, 'split-view', 4]]);
    // The id is the alert's: the same in any later call.
    expect(events[0]!.streamId).toBe(`${WITNESS_ALERT_CATEGORY}-${events[0]!.id}`);
  });
});
