import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, describeWithKafka, type TestDatabase, kafkaAdminEnv, kafkaTestClientSasl } from '@stepwell/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { SASLOptions } from 'kafkajs';
import { scanAllTopics } from './support/kafka-scan';
import { REFERRALS_TOPIC } from './support/published-message';
import { type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

interface TopicMessage {
  partition: number;
  offset: bigint;
  key: string | null;
  type: string;
  data: Record<string, unknown>;
}

/** Every message on the referrals topic about one patient, once there are `count` of them (other runs' are skipped). */
async function readPatientMessages(brokers: string[], patientSubjectId: string, count: number): Promise<TopicMessage[]> {
  const kafka = new Kafka({ clientId: 'e2e-journey-reader', brokers, logLevel: logLevel.NOTHING, ...(kafkaTestClientSasl() as { sasl?: SASLOptions }) });
  const consumer = kafka.consumer({ groupId: `e2e-journey-${randomUUID()}` });
  const found: TopicMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: REFERRALS_TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? 'null') as { patientSubjectId?: string; type: string; data: Record<string, unknown> } | null;
        if (envelope?.patientSubjectId !== patientSubjectId) return;
        found.push({ partition, offset: BigInt(message.offset), key: message.key?.toString() ?? null, type: envelope.type, data: envelope.data });
      },
    });
    await waitUntil(`${count} messages about the patient on ${REFERRALS_TOPIC}`, async () => (found.length >= count ? true : undefined), {
      timeoutMs: 60_000,
      lastSeen: () => found.map((m) => m.type),
    });
  } finally {
    await consumer.disconnect();
  }
  return found.sort((a, b) => (a.partition - b.partition) || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}

describeWithKafka('a patient’s stepped-care journey through the built referrals service, read back from Kafka', ({ brokers }) => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let referrals: ServiceProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('e2e-journey');
    issuer = createTestIssuer();
    referrals = await startService('referrals', { DATABASE_URL: database.url, ...issuer.env, ...kafkaAdminEnv(brokers) });
  });
  afterAll(async () => {
    await referrals?.stop();
    await database?.drop();
  });

  async function call(who: TestUser, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> & { [key: string]: unknown } }> {
    if (!referrals) throw new Error('referrals is not running');
    const response = await fetch(`${referrals.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: await issuer.bearer(who) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function expectStatus(status: number, request: Promise<{ status: number; body: Record<string, unknown> }>) {
    const response = await request;
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  it('GP refers → accepted to step 2 → step 3 → secondary care → step down → discharge; the journey and the topic show every move in order', async () => {
    const scores = [{ measure: 'phq-9', score: 21, recordedAt: '2026-11-01T10:00:00Z' }];
    const referral = await expectStatus(
      201,
      call(users.gpClinician, 'POST', '/referrals', {
        source: 'gp',
        patient: { nhsNumber: '9434765919', givenName: 'Ann', familyName: 'Example', dateOfBirth: '1990-04-01', postcode: 'LS1 4AP', email: 'ann@example.org' },
        receivingOrganisation: 'RXT01',
        urgency: 'routine',
        reason: 'Low mood for three months',
        presentingProblems: ['low-mood'],
        riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
        consentToShare: true,
      }),
    );
    const patientId = referral['patientSubjectId'] as string;
    const triaged = await expectStatus(
      200,
      call(users.therapist, 'POST', `/referrals/${referral['id'] as string}/triage`, { outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' }),
    );
    const episodeId = (triaged['triage'] as { episodeId: string }).episodeId;
    await expectStatus(201, call(users.therapist, 'POST', `/episodes/${episodeId}/step-changes`, { to: 'step-3', providingOrganisation: 'RXT01', reason: 'not-improving', scores }));
    const middle = new Date().toISOString();
    await waitUntil('the clock to pass the middle instant', async () => (Date.now() > Date.parse(middle) + 1 ? true : undefined), { intervalMs: 2 });
    await expectStatus(
      201,
      call(users.therapist, 'POST', `/episodes/${episodeId}/step-changes`, { to: 'secondary-care', providingOrganisation: 'RCR01', reason: 'risk-increased', scores }),
    );
    await expectStatus(
      201,
      call(users.crisisClinician, 'POST', `/episodes/${episodeId}/step-changes`, { to: 'step-3', providingOrganisation: 'RXT01', reason: 'risk-reduced', scores }),
    );
    await expectStatus(200, call(users.therapist, 'POST', `/episodes/${episodeId}/discharge`, { reason: 'completed' }));

    // The journey: each move with who decided, for which organisation, and why.
    const journey = await expectStatus(200, call(users.therapist, 'GET', `/patients/${patientId}/journey`));
    const moves = (journey['timeline'] as Array<{ kind: string; decidedBy: { userId: string }; organisationId: string; reason: string | null; toStep: string | null }>)
      .filter((e) => ['referral-triaged', 'step-changed', 'episode-discharged'].includes(e.kind))
      .map((e) => [e.kind, e.decidedBy.userId, e.organisationId, e.reason, e.toStep]);
    expect(moves).toEqual([
      ['referral-triaged', users.therapist.user, 'RXT01', null, 'step-2'],
      ['step-changed', users.therapist.user, 'RXT01', 'not-improving', 'step-3'],
      ['step-changed', users.therapist.user, 'RCR01', 'risk-increased', 'secondary-care'],
      ['step-changed', users.crisisClinician.user, 'RXT01', 'risk-reduced', 'step-3'],
      ['episode-discharged', users.therapist.user, 'RXT01', 'completed', null],
    ]);
    // At the middle instant: at step 3, not yet in secondary care, not discharged.
    const then = await expectStatus(200, call(users.therapist, 'GET', `/patients/${patientId}/journey?asOf=${encodeURIComponent(middle)}`));
    expect(then['episodes']).toEqual([expect.objectContaining({ episodeId, status: 'Waiting', step: 'step-3', providingOrganisationId: 'RXT01' })]);

    // The integration events, from the real topic: keyed by the patient subject id, one partition, in order.
    const messages = await readPatientMessages(brokers, patientId, 7);
    expect(messages.map((m) => m.type)).toEqual([
      'referrals.referral-received',
      'referrals.referral-accepted',
      'referrals.episode-opened',
      'referrals.episode-step-changed',
      'referrals.episode-step-changed',
      'referrals.episode-step-changed',
      'referrals.episode-discharged',
    ]);
    expect(new Set(messages.map((m) => m.key))).toEqual(new Set([patientId]));
    expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
    expect(messages.filter((m) => m.type === 'referrals.episode-step-changed').map((m) => [m.data['fromStep'], m.data['toStep'], m.data['direction']])).toEqual([
      ['step-2', 'step-3', 'up'],
      ['step-3', 'secondary-care', 'up'],
      ['secondary-care', 'step-3', 'down'],
    ]);
    // No demographics or clinical text on the topic.
    const text = JSON.stringify(messages.map(({ key, type, data }) => ({ key, type, data })));
    for (const secret of ['9434765919', 'Example', 'ann@example.org', 'Low mood']) expect(text).not.toContain(secret);
  });

  it('after an erasure, no topic on the broker holds a readable copy of the person’s details (issue 15 done-when), while the scan finds their subject id', async () => {
    const marker = `Zq${randomUUID().slice(0, 8)}`;
    const referral = await expectStatus(
      201,
      call(users.gpClinician, 'POST', '/referrals', {
        source: 'gp',
        patient: { nhsNumber: '9434765927', givenName: `Given${marker}`, familyName: `Family${marker}`, dateOfBirth: '1987-02-03', postcode: 'LS2 7EW', email: `${marker.toLowerCase()}@example.org` },
        receivingOrganisation: 'RXT01',
        urgency: 'routine',
        reason: `Reason ${marker}`,
        presentingProblems: ['anxiety'],
        riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
        consentToShare: true,
      }),
    );
    const patientId = referral['patientSubjectId'] as string;
    await expectStatus(200, call(users.therapist, 'POST', `/referrals/${referral['id'] as string}/triage`, { outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' }));
    const before = (await readPatientMessages(brokers, patientId, 3)).length;
    await expectStatus(200, call(users.therapyPrivacyOfficer, 'POST', `/patients/${patientId}/erasure`, { lawfulBasis: 'art17-1d-unlawfully-processed', reason: 'Recorded without a lawful basis' }));
    // The erasure decision itself is published too (ids and a code): wait for it, so the scan sees the topic after it.
    const after = await readPatientMessages(brokers, patientId, before + 1);
    expect(after.map((message) => message.type)).toContain('referrals.patient-erasure-decided');

    const needles = [`Given${marker}`, `Family${marker}`, `Reason ${marker}`, `${marker.toLowerCase()}@example.org`, '9434765927'];
    const scan = await scanAllTopics(brokers, [...needles, patientId]);
    expect(scan.topics).toEqual(expect.arrayContaining([REFERRALS_TOPIC]));
    // The scan reads what is there: the person's subject id (not personal data on its own) is found.
    expect(scan.hits[patientId]).toBeGreaterThan(0);
    expect(Object.fromEntries(needles.map((needle) => [needle, scan.hits[needle]]))).toEqual(Object.fromEntries(needles.map((needle) => [needle, 0])));
  });
});
