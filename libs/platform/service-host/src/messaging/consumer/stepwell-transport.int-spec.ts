import { randomUUID } from 'node:crypto';
import type { CanActivate, INestApplication } from '@nestjs/common';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReferralReceivedV1Contract } from '@stepwell/contracts';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { createTestDatabase } from '@stepwell/testing';
import type { TestDatabase } from '@stepwell/testing';
import { DeadLetterStore, migrateMessagingTables, type PostgresTransport, createPostgresTransport, sqlFromPool, type DeliveredMessage, type IntegrationEvent } from '@stepwell/messaging';
import { DeadLetterOpsModule } from '../ops/dead-letter-ops.module';
import { Collector, referralReceived } from '@stepwell/messaging/testing';
import { connectStepwellConsumer } from './connect-stepwell-consumer';
import { OnIntegrationEvent } from './on-integration-event.decorator';
import { StepwellContext } from './stepwell.context';

const received = new Collector<{ event: IntegrationEvent; topic: string; offset: string }>();
const failing = new Set<string>();

@Controller()
class ReferralEventsController {
  @OnIntegrationEvent(ReferralReceivedV1Contract)
  async onReferralReceived(@Payload() event: IntegrationEvent, @Ctx() context: StepwellContext): Promise<void> {
    if (failing.has(event.messageId)) throw new Error('scheduling database unavailable');
    received.push({ event, topic: context.getTopic(), offset: context.getOffset() });
  }
}

describe('StepwellTransport with the dead-letter ops endpoints', () => {
  const topic = 'stepwell.referrals.events';
  const deadLetterTopic = 'stepwell.scheduling.dead-letters';
  let database: TestDatabase;
  let pool: Pool;
  let transport: PostgresTransport;
  let app: INestApplication;
  const ignored = new Collector<{ message: DeliveredMessage; reason: string }>();
  const denyAll: { deny: boolean } = { deny: false };

  beforeAll(async () => {
    database = await createTestDatabase('stepwell_strategy');
    pool = new Pool({ connectionString: database.url, max: 10 });
    transport = await createPostgresTransport({ pool, pollIntervalMs: 1000 });
    await transport.ensureTopics([topic], 2);
    await migrateMessagingTables(pool, 'scheduling');
    const store = new DeadLetterStore(sqlFromPool(pool), 'scheduling');
    const guard: CanActivate = { canActivate: () => !denyAll.deny };
    const moduleRef = await Test.createTestingModule({
      imports: [DeadLetterOpsModule.forRoot({ store, publisher: transport.publisher(), guard })],
      controllers: [ReferralEventsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    connectStepwellConsumer(app, {
      transport,
      groupId: 'scheduling',
      topics: [topic],
      deadLetterTopic,
      retry: { maxAttempts: 3, initialBackoffMs: 5, maxBackoffMs: 10 },
      recordDeadLetter: store.recorder(deadLetterTopic),
      onIgnored: (message, reason) => ignored.push({ message, reason }),
    });
    await app.startAllMicroservices();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await transport?.close();
    await pool?.end();
    await database?.drop();
  });

  const publish = (...events: IntegrationEvent[]) => transport.publisher().publish(topic, events);
  const receivedIds = () => received.items.map((r) => r.event.messageId);

  it('dispatches a valid event to its @EventPattern handler with its transport context', async () => {
    const event = referralReceived(`patient-${randomUUID()}`, 1);
    await publish(event);
    await received.waitUntil(() => receivedIds().includes(event.messageId));
    const delivery = received.items.find((r) => r.event.messageId === event.messageId)!;
    expect(delivery.event).toEqual(event);
    expect(delivery.topic).toBe(topic);
    expect(delivery.offset).toMatch(/^\d+$/);
  });

  it('dead-letters a message that breaks its contract without calling the handler, and carries on', async () => {
    const patient = `patient-${randomUUID()}`;
    const invalid = referralReceived(patient, 1);
    (invalid.data as Record<string, unknown>)['patientName'] = 'Ann Example';
    const next = referralReceived(patient, 2);
    await publish(invalid, next);
    await received.waitUntil(() => receivedIds().includes(next.messageId));
    expect(receivedIds()).not.toContain(invalid.messageId);
    const { body } = await request(app.getHttpServer()).get('/ops/dead-letters').query({ topic }).expect(200);
    const letter = body.items.find((l: { messageId: string }) => l.messageId === invalid.messageId);
    expect(letter).toMatchObject({ attempts: 1, errorCode: 'ContractValidationError', groupId: 'scheduling' });
    expect(letter.reason).toContain('data.patientName');
    // The reason names the field, never its value.
    expect(JSON.stringify(body)).not.toContain('Ann Example');
  });

  it('records and acknowledges a message no handler wants, with the reason', async () => {
    const patient = `patient-${randomUUID()}`;
    const unwanted: IntegrationEvent = {
      ...referralReceived(patient, 1),
      type: 'referrals.referral-withdrawn',
      data: { referralId: randomUUID(), reason: 'duplicate', withdrawnAt: '2026-11-21T10:00:00Z' },
    };
    const next = referralReceived(patient, 2);
    await publish(unwanted, next);
    await received.waitUntil(() => receivedIds().includes(next.messageId));
    const entry = ignored.items.find((i) => i.message.event.messageId === unwanted.messageId);
    expect(entry?.reason).toBe('no handler for referrals.referral-withdrawn v1 in scheduling');
  });

  it('dead-letters a message whose handler keeps failing, lists it, and re-drives it exactly once', async () => {
    const patient = `patient-${randomUUID()}`;
    const poison = referralReceived(patient, 1);
    failing.add(poison.messageId);
    const after = referralReceived(patient, 2);
    await publish(poison, after);
    await received.waitUntil(() => receivedIds().includes(after.messageId));
    expect(receivedIds()).not.toContain(poison.messageId);

    const server = app.getHttpServer();
    const listed = await request(server).get('/ops/dead-letters').query({ type: 'referrals.referral-received', pending: 'true' }).expect(200);
    const letter = listed.body.items.find((l: { messageId: string }) => l.messageId === poison.messageId);
    expect(letter).toMatchObject({ attempts: 3, redrivenAt: null, deadLetterTopic, errorCode: 'Error', reason: null });

    failing.delete(poison.messageId);
    const first = await request(server).post(`/ops/dead-letters/${letter.id}/redrive`).expect(200);
    expect(first.body).toMatchObject({ redriven: true, alreadyRedriven: false, record: { redriveCount: 1 } });
    await received.waitUntil(() => receivedIds().includes(poison.messageId));

    const second = await request(server).post(`/ops/dead-letters/${letter.id}/redrive`).expect(200);
    expect(second.body).toMatchObject({ alreadyRedriven: true, record: { redriveCount: 1 } });
    // A later message on the same partition has arrived once this one is handled: nothing was published again.
    const sentinel = referralReceived(patient, 3);
    await publish(sentinel);
    await received.waitUntil(() => receivedIds().includes(sentinel.messageId));
    expect(receivedIds().filter((id) => id === poison.messageId)).toHaveLength(1);
  });

  it('lists and re-drives dead letters without patient data: metadata only, no payload, subject id or handler text', async () => {
    const patient = `patient-${randomUUID()}`;
    const poison = referralReceived(patient, 1);
    failing.add(poison.messageId);
    const after = referralReceived(patient, 2);
    await publish(poison, after);
    await received.waitUntil(() => receivedIds().includes(after.messageId));
    const server = app.getHttpServer();
    const listed = await request(server).get('/ops/dead-letters').query({ pending: 'true', pageSize: '200' }).expect(200);
    const letter = listed.body.items.find((l: { messageId: string }) => l.messageId === poison.messageId);
    expect(Object.keys(letter).sort()).toEqual(
      ['attempts', 'deadLetterTopic', 'deadLetteredAt', 'errorCode', 'groupId', 'id', 'messageId', 'originalOffset', 'originalPartition',
        'originalTopic', 'reason', 'redriveCount', 'redrivenAt', 'type', 'version'].sort(),
    );
    const data = poison.data as Record<string, string>;
    failing.delete(poison.messageId);
    for (const body of [listed.body, (await request(server).post(`/ops/dead-letters/${letter.id}/redrive`).expect(200)).body]) {
      const text = JSON.stringify(body);
      for (const secret of [patient, data['referralId']!, data['receivingOrganisationId']!, data['referrerOrganisationId']!, 'scheduling database unavailable']) {
        expect(text).not.toContain(secret);
      }
      expect(text).not.toMatch(/"(event|data|rawValue|patientSubjectId|error)"/);
    }
  });

  it('answers 404 for an unknown dead letter and 400 for a bad page size', async () => {
    const server = app.getHttpServer();
    const missing = await request(server).post(`/ops/dead-letters/${randomUUID()}/redrive`).expect(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'DEAD_LETTER_NOT_FOUND' });
    await request(server).get('/ops/dead-letters').query({ pageSize: '0' }).expect(400);
  });

  it('refuses the ops endpoints when the configured guard denies', async () => {
    denyAll.deny = true;
    try {
      await request(app.getHttpServer()).get('/ops/dead-letters').expect(403);
    } finally {
      denyAll.deny = false;
    }
  });
});
