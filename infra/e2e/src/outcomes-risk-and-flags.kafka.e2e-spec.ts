import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, users } from '@stepwell/access';
import { AppointmentAttendedV1Contract, EpisodeDischargedV1Contract, EpisodeOpenedV1Contract, type IntegrationContract } from '@stepwell/contracts';
import { createIntegrationEvent, createKafkaTransport, type MessageTransport, topicFor } from '@stepwell/messaging';
import { createTestDatabase, describeWithKafka, type TestDatabase } from '@stepwell/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { Pool } from 'pg';
import { type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

const THERAPIST = users.therapist;

/** Answers that total `total`, filling items in order (each 0–3), with chosen items pinned first. */
function answers(prefix: 'phq9' | 'gad7', items: number, total: number, pinned: Record<number, number> = {}) {
  let remaining = total - Object.values(pinned).reduce((a, b) => a + b, 0);
  return Array.from({ length: items }, (_, i) => {
    const n = i + 1;
    if (n in pinned) return { linkId: `${prefix}-${n}`, value: pinned[n] ?? 0 };
    const value = Math.min(3, Math.max(0, remaining));
    remaining -= value;
    return { linkId: `${prefix}-${n}`, value };
  });
}

/**
 * The outcomes service as a built child process on a real Kafka broker. The referrals and scheduling services'
 * events it consumes (episode opened / discharged, appointment attended) are published to their topics in their
 * v1 contracts, as those services' relays publish them: the referrals service has no discharge endpoint yet, so
 * this test stands in for both producers and drives everything else over HTTP.
 */
describeWithKafka('outcomes over a real Kafka broker (built service as a child process)', ({ brokers }) => {
  let database: TestDatabase;
  let pool: Pool;
  let issuer: TestIssuer;
  let outcomes: ServiceProcess | undefined;
  let producers: MessageTransport;
  let bearer: string;
  let reader: Consumer;
  /** Everything published on stepwell.outcomes.events since the test started. */
  const published: Array<{ type: string; data: Record<string, unknown>; patientSubjectId: string | null }> = [];

  const service = (): ServiceProcess => {
    if (!outcomes) throw new Error('outcomes is not running');
    return outcomes;
  };

  async function publish<D extends object>(contract: IntegrationContract<D>, patient: string, data: D): Promise<void> {
    const event = createIntegrationEvent(contract, data, {
      patientSubjectId: patient,
      occurredAt: new Date().toISOString(),
      correlationId: randomUUID(),
      causationId: null,
    });
    await producers.publisher().publish(topicFor(contract.producer), [event]);
  }

  // The service's JSON as it arrives: a boundary, read with the shapes the assertions expect.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function http(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service().baseUrl}${path}`, {
      method,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  async function openEpisode(): Promise<{ patient: string; episodeId: string }> {
    const patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await publish(EpisodeOpenedV1Contract, patient, {
      episodeId,
      referralId: randomUUID(),
      step: 'step-2',
      providingOrganisationId: THERAPIST.org,
      urgency: 'routine',
      referredAt: new Date().toISOString(),
      openedAt: new Date().toISOString(),
    });
    // The consumer has applied it once the episode is in the service's read model.
    await waitUntil('the outcomes service to learn of the episode', async () => {
      const { rowCount } = await pool.query('SELECT 1 FROM outcomes.episode WHERE episode_id = $1', [episodeId]);
      return rowCount ? true : undefined;
    }, { timeoutMs: 30_000, lastSeen: () => service().output().slice(-2000) });
    return { patient, episodeId };
  }

  const recordResponse = (patient: string, episodeId: string, code: 'PHQ-9' | 'GAD-7', list: ReturnType<typeof answers>) =>
    http('POST', `/patients/${patient}/responses`, { questionnaireCode: code, questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: list });

  beforeAll(async () => {
    database = await createTestDatabase('e2e-outcomes');
    pool = new Pool({ connectionString: database.url, max: 2 });
    issuer = createTestIssuer();
    bearer = await issuer.bearer(THERAPIST);
    producers = createKafkaTransport({ brokers, clientId: 'e2e-producers' });
    await producers.ensureTopics([topicFor('referrals'), topicFor('scheduling'), topicFor('outcomes')], 3);
    const kafka = new Kafka({ clientId: 'e2e-outcomes-reader', brokers, logLevel: logLevel.NOTHING });
    reader = kafka.consumer({ groupId: `e2e-outcomes-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: topicFor('outcomes'), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? 'null') as (typeof published)[number] | null;
        if (envelope) published.push(envelope);
      },
    });
    outcomes = await startService('outcomes', { DATABASE_URL: database.url, ...issuer.env, KAFKA_BROKERS: brokers.join(',') });
  });

  afterAll(async () => {
    await outcomes?.stop();
    await reader?.disconnect();
    await producers?.close();
    await pool?.end();
    await database?.drop();
  });

  it('shows a PHQ-9 with item 9 above 0 as an open risk alert within 5 seconds, and publishes risk-alert-raised', async () => {
    const { patient, episodeId } = await openEpisode();
    const started = Date.now();
    const recorded = await recordResponse(patient, episodeId, 'PHQ-9', answers('phq9', 9, 8, { 9: 2 }));
    expect(recorded.status).toBe(201);
    const alertId = recorded.body.riskAlert.id as string;
    const listed = await waitUntil('the alert in the open list', async () => {
      const list = await http('GET', '/risk-alerts?status=open&pageSize=200');
      return list.body.items?.find((item: { id: string }) => item.id === alertId);
    }, { timeoutMs: 5_000, intervalMs: 50 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(listed).toMatchObject({ patientSubjectId: patient, urgency: 'urgent', status: 'open', organisationId: THERAPIST.org });
    const event = await waitUntil('risk-alert-raised on the outcomes topic', async () =>
      published.find((e) => e.type === 'outcomes.risk-alert-raised' && e.data['alertId'] === alertId), {
      timeoutMs: 15_000,
      lastSeen: () => ({ types: published.map((e) => e.type), outcomes: service().output().slice(-3000) }),
    });
    expect(event).toMatchObject({ patientSubjectId: patient, data: { episodeId, urgency: 'urgent', signal: 'thoughts-of-self-harm' } });
  });

  it('computes the flags and their explanation after three attended treatment sessions with PHQ-9 and GAD-7 and a discharge', async () => {
    const { patient, episodeId } = await openEpisode();
    for (const [phq, gad] of [[14, 12], [10, 9], [7, 5]] as const) {
      await publish(AppointmentAttendedV1Contract, patient, {
        appointmentId: randomUUID(),
        episodeId,
        organisationId: THERAPIST.org,
        purpose: 'treatment',
        startsAt: new Date().toISOString(),
        durationMinutes: 50,
        isTreatment: true,
        attendedAt: new Date().toISOString(),
      });
      expect((await recordResponse(patient, episodeId, 'PHQ-9', answers('phq9', 9, phq, { 9: 0 }))).status).toBe(201);
      expect((await recordResponse(patient, episodeId, 'GAD-7', answers('gad7', 7, gad))).status).toBe(201);
    }
    // The discharge comes after the sessions: wait until the service holds all three and their six scores (a score
    // arriving after the discharge would re-publish the flags, the later superseding the earlier).
    await waitUntil('three attended treatment sessions and six scores applied', async () => {
      const { rows } = await pool.query<{ sessions: number; scores: number }>(
        `SELECT (SELECT count(*)::int FROM outcomes.episode_attendance WHERE episode_id = $1) AS sessions,
                (SELECT count(*)::int FROM outcomes.measure_score WHERE episode_id = $1) AS scores`,
        [episodeId],
      );
      return rows[0]?.sessions === 3 && rows[0]?.scores === 6 ? true : undefined;
    }, { timeoutMs: 30_000 });
    await publish(EpisodeDischargedV1Contract, patient, {
      episodeId,
      reason: 'completed',
      providingOrganisationId: THERAPIST.org,
      dischargedAt: new Date().toISOString(),
    });

    const outcome = await waitUntil('the recorded outcome', async () => {
      const response = await http('GET', `/episodes/${episodeId}/outcomes`);
      return response.body.basis === 'recorded' ? response.body : undefined;
    }, { timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ ruleSetVersion: 'v1', patientSubjectId: patient });
    expect(outcome.outcome.flags.finishedCourse.value).toBe(true);
    expect(outcome.outcome.flags.recovery).toEqual({
      value: true,
      explanation: 'recovered: first PHQ-9 14 ≥ 10 and first GAD-7 12 ≥ 8; last PHQ-9 7 < 10 and last GAD-7 5 < 8',
    });
    expect(outcome.outcome.flags.reliableImprovement.value).toBe(true);
    expect(outcome.outcome.flags.reliableRecovery.value).toBe(true);

    const flags = await waitUntil('outcome-flags-computed on the outcomes topic', async () =>
      published.find((e) => e.type === 'outcomes.outcome-flags-computed' && e.data['episodeId'] === episodeId), { timeoutMs: 15_000 });
    expect(flags.data).toMatchObject({ ruleSetVersion: 'v1', finishedCourse: true, recovery: true, reliableImprovement: true, reliableDeterioration: false });
  });
});
