import { randomUUID } from 'node:crypto';
import { Controller, type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { AccessModule } from '@stepwell/access';
import { createTestKeys, mintToken, testAuthConfig, users } from '@stepwell/access/testing';
import { ReferralWithdrawnV1Contract, type ReferralWithdrawnV1 } from '@stepwell/contracts';
import { EVENT_STORE, type EventStore, EventStoreModule } from '@stepwell/event-store';
import { configureApp, HealthModule } from '@stepwell/http';
import { ReadModelsModule } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createIntegrationEvent, CreateMessagingTables1763700000000, type IntegrationEvent, type MessageTransport, topicFor, MESSAGE_TRANSPORT } from '@stepwell/messaging';
import { OnIntegrationEvent } from './consumer/on-integration-event.decorator';
import { Collector } from '@stepwell/messaging/testing';
import { MessagingHealthIndicator } from './messaging-health.indicator';
import { ServiceMessagingModule } from './service-messaging.module';
import { startServiceConsumers } from './start-service-consumers';

const received = new Collector<IntegrationEvent<ReferralWithdrawnV1>>();

@Controller()
class WithdrawalsConsumer {
  @OnIntegrationEvent(ReferralWithdrawnV1Contract)
  async onWithdrawn(@Payload() event: IntegrationEvent<ReferralWithdrawnV1>): Promise<void> {
    received.push(event);
  }
}

/** Polls `probe` with a deadline until it returns a value other than undefined (a condition, never a fixed sleep). */
async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const withdrawal = (referralId: string) =>
  createIntegrationEvent(
    ReferralWithdrawnV1Contract,
    { referralId, reason: 'duplicate', withdrawnAt: '2026-11-21T10:00:00.000Z' },
    { patientSubjectId: null, occurredAt: '2026-11-21T10:00:00.000Z', correlationId: 'c-1', causationId: null },
  );

function probeModule(url: string, auth: ReturnType<typeof testAuthConfig>): DynamicModule {
  const readModels = ReadModelsModule.forRoot({ service: 'probe', url, entities: [], migrations: [CreateMessagingTables1763700000000] });
  const eventStore = EventStoreModule.forRoot({ eventStore: 'postgres', databaseUrl: url, schema: 'probe_events' });
  const messaging = ServiceMessagingModule.forRoot({
    service: 'probe',
    databaseUrl: url,
    partitions: 2,
    consumes: ['referrals'],
    retry: { maxAttempts: 1, initialBackoffMs: 1, maxBackoffMs: 1 },
    // The probe service publishes each `Withdrawn` event of its `probe` streams as a referral withdrawal.
    relay: {
      categories: ['probe'],
      map: (event) => (event.type === 'Withdrawn' ? [withdrawal((event.data as { id: string }).id)] : []),
    },
    imports: [readModels, eventStore],
  });
  @Module({})
  class ProbeModule {}
  return {
    module: ProbeModule,
    imports: [
      readModels,
      eventStore,
      messaging,
      AccessModule.forRootAsync({
        imports: [readModels, eventStore],
        inject: [EVENT_STORE, DataSource],
        useFactory: (store: EventStore, dataSource: DataSource) => ({ auth, eventStore: store, dataSource }),
        breakGlassReviewEndpoint: false,
      }),
      HealthModule.forRoot({
        imports: [messaging],
        inject: [MessagingHealthIndicator],
        readiness: (indicator: MessagingHealthIndicator) => [() => indicator.isReady('messaging')],
      }),
    ],
    controllers: [WithdrawalsConsumer],
  };
}

describe('ServiceMessagingModule (PostgreSQL transport, access guards, relay and consumers in one app)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let app: INestApplication;
  let store: EventStore;
  let transport: MessageTransport;
  const keys = createTestKeys();
  const bearer = async (who: (typeof users)[keyof typeof users]) => `Bearer ${await mintToken(keys, who)}`;

  beforeAll(async () => {
    database = await createTestDatabase('service-messaging');
    pool = new Pool({ connectionString: database.url, max: 2 });
    app = await NestFactory.create(probeModule(database.url, testAuthConfig(keys)), { logger: ['fatal', 'error'] });
    configureApp(app, { name: 'probe' });
    await startServiceConsumers(app);
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    transport = app.get<MessageTransport>(MESSAGE_TRANSPORT);
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
    await database?.drop();
  });

  it("creates the service's topic and dead-letter topic with the configured partitions", async () => {
    const { rows } = await pool.query(`SELECT name, partitions FROM message_bus.topics WHERE name LIKE 'stepwell.probe.%' ORDER BY name`);
    expect(rows).toEqual([
      { name: 'stepwell.probe.dead-letters', partitions: 2 },
      { name: 'stepwell.probe.events', partitions: 2 },
    ]);
  });

  it("relays the service's own categories to its topic and nothing else", async () => {
    const id = randomUUID();
    const metadata = { occurredAt: '2026-11-21T10:00:00.000Z', correlationId: 'c', causationId: null, schemaVersion: 1, actor: { userId: 'u', organisationId: 'RXT01', role: 'admin' } };
    await store.appendToStream(`other-${id}`, [{ id: randomUUID(), type: 'Withdrawn', data: { id: `other-${id}` }, metadata }], { expectedRevision: 'no_stream' });
    await store.appendToStream(`probe-${id}`, [{ id: randomUUID(), type: 'Withdrawn', data: { id }, metadata }], { expectedRevision: 'no_stream' });
    const published = async () =>
      (await pool.query<{ value: string }>(`SELECT value FROM message_bus.messages WHERE topic = $1`, [topicFor('probe')])).rows.map(
        (row) => (JSON.parse(row.value) as IntegrationEvent<ReferralWithdrawnV1>).data.referralId,
      );
    expect(await pollUntil('the relayed event', async () => ((await published()).length > 0 ? published() : undefined))).toEqual([id]);
  });

  it('runs the handlers of the topics the service consumes', async () => {
    const event = withdrawal(randomUUID());
    await transport.publisher().publish(topicFor('referrals'), [event]);
    await received.waitUntil((items) => items.some((item) => item.messageId === event.messageId), 30_000, 'the withdrawal');
  });

  it('shows relay lag in /ready details', async () => {
    const response = await request(app.getHttpServer()).get('/ready').expect(200);
    expect(response.body.details.messaging).toMatchObject({
      status: 'up',
      transport: 'postgres',
      relay: { eventsBehind: expect.any(Number), secondsBehind: expect.any(Number) },
    });
  });

  it('lists dead letters for the ops role only, and every caller must be authenticated', async () => {
    // Not a contract of any version: dead-lettered at once.
    await transport.publisher().publish(topicFor('referrals'), [{ ...withdrawal('x'), data: { referralId: 'has spaces' } }]);
    const ops = await bearer(users.commissioner);
    const listed = await pollUntil('the dead letter', async () => {
      const response = await request(app.getHttpServer()).get('/ops/dead-letters').set('Authorization', ops).expect(200);
      return response.body.total > 0 ? response.body : undefined;
    });
    expect(listed.items[0]).toMatchObject({ originalTopic: topicFor('referrals'), groupId: 'probe', errorCode: 'ContractValidationError' });
    await request(app.getHttpServer()).get('/ops/dead-letters').expect(401);
    await request(app.getHttpServer()).get('/ops/dead-letters').set('Authorization', await bearer(users.gpClinician)).expect(403);
    await request(app.getHttpServer()).post(`/ops/dead-letters/${randomUUID()}/redrive`).set('Authorization', await bearer(users.admin)).expect(403);
  });

  it('serves relay lag and pending dead letters as Prometheus text at /metrics, for the ops role only', async () => {
    await request(app.getHttpServer()).get('/metrics').expect(401);
    await request(app.getHttpServer()).get('/metrics').set('Authorization', await bearer(users.therapist)).expect(403);
    const response = await request(app.getHttpServer()).get('/metrics').set('Authorization', await bearer(users.commissioner)).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/^stepwell_relay_events_behind\{subscription="probe\.relay"\} \d+$/m);
    expect(response.text).toMatch(/^stepwell_relay_seconds_behind\{subscription="probe\.relay"\} [\d.]+$/m);
    expect(response.text).toMatch(/^stepwell_dead_letters_pending 1$/m);
  });
});
