import { CARE_RELATIONSHIP_MIGRATIONS, CareRelationshipEntity } from '@stepwell/access';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { DataSource } from 'typeorm';
import type { ConsumerOptions, DeliveredMessage, MessageTransport, RunningConsumer } from '@stepwell/messaging';
import { withCareRelationshipsOnConsume } from './care-relationships-on-consume';

const SCHEMA = 'consumer_under_test';

/** A transport whose consumer is driven by the test: `deliver` hands a message to the registered handler. */
function drivenTransport(): { transport: MessageTransport; deliver(message: DeliveredMessage): Promise<void>; closed(): boolean } {
  let handle: ConsumerOptions['handle'] | null = null;
  let closed = false;
  const transport = {
    ensureTopics: async () => undefined,
    publisher: () => ({ publish: async () => undefined }),
    consume: async (options: ConsumerOptions): Promise<RunningConsumer> => {
      handle = options.handle;
      return { stop: async () => undefined } as unknown as RunningConsumer;
    },
    close: async () => {
      closed = true;
    },
  } as unknown as MessageTransport;
  return {
    transport,
    deliver: async (message) => {
      if (!handle) throw new Error('nothing consumes');
      await handle(message);
    },
    closed: () => closed,
  };
}

const received = (patientSubjectId: string, data: Record<string, unknown> = {}): DeliveredMessage => ({
  topic: 'stepwell.referrals.events',
  partition: 0,
  offset: '0',
  event: {
    messageId: '6f1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a6b',
    type: 'referrals.referral-received',
    version: 1,
    source: 'referrals',
    patientSubjectId,
    occurredAt: '2026-11-21T09:00:00.000Z',
    correlationId: 'corr-1',
    causationId: null,
    data: {
      referralId: '6f1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a6b',
      source: 'gp',
      urgency: 'routine',
      receivingOrganisationId: 'RXT01',
      referrerOrganisationId: 'A81001',
      receivedAt: '2026-11-21T09:00:00.000Z',
      ...data,
    },
  },
});

describe('care relationships applied on consume', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase('relationships_on_consume');
    dataSource = new DataSource({ type: 'postgres', url: database.url, schema: SCHEMA, entities: [CareRelationshipEntity], migrations: CARE_RELATIONSHIP_MIGRATIONS });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${SCHEMA}"`);
    await dataSource.runMigrations();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const relationshipsOf = (patientSubjectId: string) =>
    dataSource.getRepository(CareRelationshipEntity).find({ where: { patientSubjectId }, order: { organisationId: 'ASC' } });

  it('applies the relationships of a consumed event before the service’s own handling, even when the service ignores it', async () => {
    const { transport, deliver } = drivenTransport();
    const seen: number[] = [];
    await withCareRelationshipsOnConsume(transport, dataSource).consume({
      groupId: 'g',
      topics: ['stepwell.referrals.events'],
      deadLetterTopic: 'dl',
      handle: async () => {
        seen.push((await relationshipsOf('p-1')).length);
      },
    });
    await deliver(received('p-1'));
    expect(seen).toEqual([2]);
    expect((await relationshipsOf('p-1')).map((r) => [r.organisationId, r.reason])).toEqual([
      ['A81001', 'referrer'],
      ['RXT01', 'receiving-service'],
    ]);
    // A redelivery changes nothing.
    await deliver(received('p-1'));
    expect(await relationshipsOf('p-1')).toHaveLength(2);
  });

  it('grants nothing from a topic read only as a witness of its producer’s tree heads (H-AU2), but still hands the message on', async () => {
    const { transport, deliver } = drivenTransport();
    const handled: string[] = [];
    // A service consuming scheduling's topic that reads referrals' only to witness its heads.
    await withCareRelationshipsOnConsume(transport, dataSource, ['stepwell.scheduling.events']).consume({
      groupId: 'g',
      topics: ['stepwell.scheduling.events', 'stepwell.referrals.events'],
      deadLetterTopic: 'dl',
      handle: async (message) => {
        handled.push(message.event.type);
      },
    });
    await deliver(received('p-witnessed'));
    expect(handled).toEqual(['referrals.referral-received']);
    expect(await relationshipsOf('p-witnessed')).toEqual([]);
  });

  it('grants nothing from a message that breaks its contract', async () => {
    const { transport, deliver } = drivenTransport();
    await withCareRelationshipsOnConsume(transport, dataSource).consume({
      groupId: 'g',
      topics: ['stepwell.referrals.events'],
      deadLetterTopic: 'dl',
      handle: async () => undefined,
    });
    await deliver(received('p-2', { urgency: 'whenever' }));
    expect(await relationshipsOf('p-2')).toEqual([]);
  });

  it('grants nothing from a referrals contract forged onto the scheduling topic, and refuses it permanently with the reason', async () => {
    const { transport, deliver } = drivenTransport();
    const handled: string[] = [];
    await withCareRelationshipsOnConsume(transport, dataSource).consume({
      groupId: 'g',
      topics: ['stepwell.scheduling.events'],
      deadLetterTopic: 'dl',
      handle: async (message) => {
        handled.push(message.event.messageId);
      },
    });
    const forged = { ...received('p-forged'), topic: 'stepwell.scheduling.events' };
    await expect(deliver(forged)).rejects.toMatchObject({
      name: 'WrongTopicError',
      permanent: true,
      message: 'referrals.referral-received v1 is produced by referrals and accepted only from stepwell.referrals.events, but arrived on stepwell.scheduling.events',
    });
    const wrongSource = received('p-forged');
    wrongSource.event.source = 'scheduling';
    await expect(deliver(wrongSource)).rejects.toMatchObject({ name: 'WrongTopicError', permanent: true });
    expect(handled).toEqual([]);
    expect(await relationshipsOf('p-forged')).toEqual([]);
  });

  it('keeps a consumed change of consent to share (issue 15 item 5): the latest by time, whatever the order, a redelivery changing nothing', async () => {
    const { transport, deliver } = drivenTransport();
    await withCareRelationshipsOnConsume(transport, dataSource).consume({
      groupId: 'g',
      topics: ['stepwell.referrals.events'],
      deadLetterTopic: 'dl',
      handle: async () => undefined,
    });
    const change = (messageId: string, consented: boolean, changedAt: string): DeliveredMessage => ({
      ...received('p-consent'),
      event: {
        ...received('p-consent').event,
        messageId,
        type: 'referrals.sharing-consent-changed',
        occurredAt: changedAt,
        data: { organisationId: 'A81001', organisationType: null, consented, source: 'verbal', changedAt },
      },
    });
    const consentOf = async () =>
      ((await dataSource.query(`SELECT party, consented FROM "${SCHEMA}"."sharing_consent" WHERE patient_subject_id = 'p-consent'`)) as Array<{ party: string; consented: boolean }>);
    await deliver(change('7a1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a01', false, '2026-11-22T09:00:00.000Z'));
    expect(await consentOf()).toEqual([{ party: 'organisation:A81001', consented: false }]);
    // An older consent arriving late, and a redelivery, leave the withdrawal in place; a later consent lifts it.
    await deliver(change('7a1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a02', true, '2026-11-21T09:00:00.000Z'));
    await deliver(change('7a1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a01', false, '2026-11-22T09:00:00.000Z'));
    expect(await consentOf()).toEqual([{ party: 'organisation:A81001', consented: false }]);
    await deliver(change('7a1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a03', true, '2026-11-23T09:00:00.000Z'));
    expect(await consentOf()).toEqual([{ party: 'organisation:A81001', consented: true }]);
    // It never makes the organisation a party to the person's care.
    expect(await relationshipsOf('p-consent')).toEqual([]);
  });

  it('leaves every other method to the transport itself', async () => {
    const driven = drivenTransport();
    await withCareRelationshipsOnConsume(driven.transport, dataSource).close();
    expect(driven.closed()).toBe(true);
  });
});
