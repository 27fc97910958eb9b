import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '@stepwell/event-store';
import { CreateMessagingTables1763700000000, createPostgresTransport, type IntegrationEvent, type MessageTransport, topicFor } from '@stepwell/messaging';
import { CreateProjectionCheckpoints1763700000000, openReadModelDataSource, ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import type { TreeHeadSignedV1 } from '@stepwell/contracts';
import type { DataSource } from 'typeorm';
import { HeadPublisher, treeHeadSignedEvent } from '../heads/head-publisher';
import { TreeHeadSigner, verifyTreeHeadSignature } from '../heads/tree-head';
import { TreeHeads } from '../heads/tree-heads.service';
import { TRANSPARENCY_MIGRATIONS } from '../log/create-transparency-log.migration';
import { TransparencyLogProjection, TransparencyTree } from '../log/transparency-tree';
import { HeadWitness, WITNESS_ALERT_CATEGORY, WITNESS_ALERT_RAISED } from './head-witness';
import { HeadWitnessConsumer } from './head-witness.consumer';
import { verifyCountersignature } from './witness';

const event = (): NewEvent => ({
  id: randomUUID(),
  type: 'Noted',
  data: { n: 1 },
  metadata: { occurredAt: new Date().toISOString(), correlationId: 'c', causationId: null, actor: { userId: 'u', organisationId: 'X1', role: 'clinician' }, schemaVersion: 1 },
});

const MIGRATIONS = [CreateProjectionCheckpoints1763700000000, CreateMessagingTables1763700000000, ...TRANSPARENCY_MIGRATIONS];

/**
 * Issue 19 point 2 wired end to end on a real PostgreSQL database and the PostgreSQL transport: referrals signs heads
 * and its head publisher relays them from the head table as `referrals.tree-head-signed` on referrals' topic; the
 * scheduling service's witness consumer (the same `HeadWitnessConsumer` every service mounts) reads that topic,
 * countersigns each head once, and raises a `split-view` alert for a forked head.
 */
describe('signed tree heads published from the head table and witnessed by another service', () => {
  let database: TestDatabase;
  let transport: MessageTransport;
  let store: PostgresEventStore;
  let producerData: DataSource;
  let witnessData: DataSource;
  let runner: ProjectionRunner;
  let heads: TreeHeads;
  let publisher: HeadPublisher;
  let witness: HeadWitness;
  let witnessStore: PostgresEventStore;
  const producerKey = TreeHeadSigner.ephemeral();
  const witnessKey = TreeHeadSigner.ephemeral();
  const published: IntegrationEvent[] = [];
  const handled: string[] = [];
  let stopConsumer: () => Promise<void>;

  /** Resolves once the witness consumer has handled `count` messages (its own checkpoint, not a sleep). */
  async function handledAtLeast(count: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (handled.length < count) {
      if (Date.now() > deadline) throw new Error(`the witness handled ${handled.length} of ${count} messages`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function append(count: number): Promise<void> {
    let position = 0;
    for (let i = 0; i < count; i++) position = (await store.appendToStreams([{ streamId: `s-${i % 3}`, events: [event()], expectedRevision: 'any' }])).lastGlobalPosition;
    await runner.waitFor(position);
  }

  beforeAll(async () => {
    database = await createTestDatabase('transparency_publication');
    transport = await createPostgresTransport({ connectionString: database.url, pollIntervalMs: 200 });
    await transport.ensureTopics([topicFor('referrals'), 'stepwell.scheduling.dead-letters'], 3);
    store = await createPostgresEventStore({ connectionString: database.url, schema: 'referrals_events' });
    producerData = await openReadModelDataSource({ service: 'referrals', url: database.url, entities: [], migrations: MIGRATIONS });
    witnessData = await openReadModelDataSource({ service: 'scheduling', url: database.url, entities: [], migrations: MIGRATIONS });
    const tree = TransparencyTree.of(producerData);
    runner = new ProjectionRunner({ store, dataSource: producerData, projections: [new TransparencyLogProjection(tree)], restartDelayMs: 20 });
    await runner.start();
    heads = new TreeHeads({ service: 'referrals', dataSource: producerData, tree, signer: producerKey });
    const bus = transport.publisher();
    publisher = new HeadPublisher({
      service: 'referrals',
      dataSource: producerData,
      heads,
      publish: async (events) => {
        await bus.publish(topicFor('referrals'), events);
        published.push(...events);
      },
    });
    witnessStore = await createPostgresEventStore({ connectionString: database.url, schema: 'scheduling_events' });
    witness = new HeadWitness({ service: 'scheduling', dataSource: witnessData, signer: witnessKey, store: witnessStore });
    const consumer = new HeadWitnessConsumer(witness, witnessData);
    const running = await transport.consume({
      groupId: 'scheduling',
      topics: [topicFor('referrals')],
      deadLetterTopic: 'stepwell.scheduling.dead-letters',
      handle: async (message) => {
        await consumer.witnessed(message.event as IntegrationEvent<TreeHeadSignedV1>);
        handled.push(message.event.messageId);
      },
    });
    stopConsumer = () => running.stop();
  });

  afterAll(async () => {
    await stopConsumer?.();
    await runner?.stop();
    await transport?.close();
    await producerData?.destroy();
    await witnessData?.destroy();
    await store?.close();
    await witnessStore?.close();
    await database?.drop();
  });

  it('publishes each head once from the head table (not the event log) and the witness countersigns them in order', async () => {
    for (let i = 0; i < 4; i++) {
      await append(2);
      await heads.issue();
    }
    const before = await store.headPosition();
    expect(await publisher.publishPending()).toBe(4);
    expect(await publisher.publishPending()).toBe(0);
    // Publishing a head appends nothing to the log it signs: the log (and so the next head) does not grow by itself.
    expect(await store.headPosition()).toBe(before);
    expect(published.map((e) => [e.type, e.patientSubjectId, (e.data as TreeHeadSignedV1).treeSize])).toEqual([
      ['referrals.tree-head-signed', null, 2],
      ['referrals.tree-head-signed', null, 4],
      ['referrals.tree-head-signed', null, 6],
      ['referrals.tree-head-signed', null, 8],
    ]);
    await handledAtLeast(4);
    const held = await witness.witnessed('referrals');
    expect(held.map((w) => w.head.treeSize)).toEqual([2, 4, 6, 8]);
    for (const w of held) {
      expect(verifyTreeHeadSignature(w.head, [producerKey.publicKey])).toBe(true);
      expect(verifyCountersignature(w.head, w.countersignature, [witnessKey.publicKey])).toBe(true);
    }
    expect(await witness.alerts('referrals')).toEqual([]);
  });

  it('re-publishes after a lost acknowledgement with the same message ids, witnessed once (the inbox)', async () => {
    const table = '"referrals"."transparency_tree_heads"';
    await producerData.query(`UPDATE ${table} SET published_at = NULL`);
    const firstIds = published.map((e) => e.messageId);
    expect(await publisher.publishPending()).toBe(4);
    expect(published.slice(4).map((e) => e.messageId)).toEqual(firstIds);
    await handledAtLeast(8);
    const inbox = (await witnessData.query(`SELECT count(*)::int AS n FROM "scheduling"."messaging_inbox" WHERE consumer = 'transparency-witness'`)) as { n: number }[];
    expect(inbox[0]!.n).toBe(4);
    expect((await witness.witnessed('referrals')).length).toBe(4);
    expect(await witness.alerts('referrals')).toEqual([]);
  });

  it('a forked head (same size, another root, validly signed) raises a split-view alert and replaces nothing', async () => {
    const honest = (await witness.witnessed('referrals', 8))[0]!.head;
    const forged = producerKey.sign({ ...honest, rootHash: 'f'.repeat(64), timestamp: new Date().toISOString() });
    const fork = treeHeadSignedEvent({ head: forged, publicKey: producerKey.publicKey, fromSize: 6, consistencyProof: [] });
    await transport.publisher().publish(topicFor('referrals'), [fork]);
    await handledAtLeast(9);
    expect(await witness.alerts('referrals')).toEqual([
      expect.objectContaining({ log: 'referrals', reason: 'split-view', treeSize: 8, rootHash: 'f'.repeat(64), heldTreeSize: 8, heldRootHash: honest.rootHash }),
    ]);
    expect((await witness.witnessed('referrals', 8))[0]!.head.rootHash).toBe(honest.rootHash);
    // The page GET /audit/log/witnessed answers: countersigned heads and the alert.
    const page = await witness.page({ log: 'referrals' }, 0, 50);
    expect(page.total).toBe(4);
    expect(await witness.allAlerts()).toHaveLength(1);

    // The alert is also one event of the witness's own log (so its own heads sign it), no event content in it.
    const alertEvents = async () => witnessStore.readCategory(WITNESS_ALERT_CATEGORY);
    const [raised, ...more] = await alertEvents();
    expect(more).toEqual([]);
    expect(raised).toMatchObject({
      type: WITNESS_ALERT_RAISED,
      data: { witness: 'scheduling', log: 'referrals', reason: 'split-view', treeSize: 8, rootHash: 'f'.repeat(64), heldRootHash: honest.rootHash },
      metadata: { actor: { role: 'system' } },
    });
    expect(raised!.metadata.patientSubjectId).toBeUndefined();
    expect(await store.readCategory(WITNESS_ALERT_CATEGORY)).toEqual([]);

    // Redelivered (the same message id): the inbox skips it, and no second alert row or event appears.
    await transport.publisher().publish(topicFor('referrals'), [fork]);
    await handledAtLeast(10);
    expect(await witness.allAlerts()).toHaveLength(1);
    expect((await alertEvents()).map((e) => e.id)).toEqual([raised!.id]);
    // Called again (as after every message of that log): nothing more to append.
    expect(await witness.recordAlertEvents('referrals')).toBe(0);
    expect(await alertEvents()).toHaveLength(1);
  });

  it('refuses (dead-letters) a head a producer announces for another service’s log', async () => {
    const consumer = new HeadWitnessConsumer(witness, witnessData);
    const head = producerKey.sign({ version: 1, log: 'scheduling', treeSize: 1, rootHash: 'a'.repeat(64), timestamp: new Date().toISOString(), keyId: producerKey.keyId });
    const foreign = { ...treeHeadSignedEvent({ head, publicKey: producerKey.publicKey, fromSize: 0, consistencyProof: [] }), source: 'referrals' };
    await expect(consumer.witnessed(foreign)).rejects.toMatchObject({ name: 'ForeignLogHeadError', permanent: true });
    expect(await witness.witnessed('scheduling')).toEqual([]);
  });
});
