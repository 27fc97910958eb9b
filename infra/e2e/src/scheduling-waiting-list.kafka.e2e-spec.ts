import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access';
import { createTestDatabase, describeWithKafka, type TestDatabase } from '@stepwell/testing';
import { Kafka, logLevel } from 'kafkajs';
import { type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

const SCHEDULING_TOPIC = 'stepwell.scheduling.events';
const PROVIDER = 'RXT01';
/** The talking-therapies service's administrator and clinician in one (books and records attendance). */
const providerStaff: TestUser = { ...users.therapist, user: 'u-tt-staff', roles: ['admin', 'clinician'] };

interface Envelope {
  messageId: string;
  type: string;
  patientSubjectId: string | null;
  data: Record<string, unknown>;
}

/** Every message on the scheduling topic about one appointment or episode, once `count` of them are there. */
async function readSchedulingTopic(brokers: string[], matches: (e: Envelope) => boolean, count: number) {
  const kafka = new Kafka({ clientId: 'e2e-scheduling-reader', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `e2e-scheduling-reader-${randomUUID()}` });
  const found: { key: string | null; envelope: Envelope }[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: SCHEDULING_TOPIC, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? 'null') as Envelope | null;
        if (envelope && matches(envelope)) found.push({ key: message.key?.toString() ?? null, envelope });
      },
    });
    await waitUntil(`${count} messages on ${SCHEDULING_TOPIC}`, async () => (found.length >= count ? true : undefined), {
      timeoutMs: 60_000,
      lastSeen: () => found.map((f) => f.envelope.type),
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

/** Europe/London wall clock (date, HH:MM) of an instant. */
function londonWallClock(at: Date): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}` };
}

describeWithKafka('referrals → scheduling → Kafka: waiting list, booking and attendance (built services)', ({ brokers }) => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let referrals: ServiceProcess | undefined;
  let scheduling: ServiceProcess | undefined;

  const call = async (service: ServiceProcess | undefined, who: TestUser, method: string, path: string, body?: unknown) => {
    if (!service) throw new Error('service not running');
    const response = await fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: await issuer.bearer(who) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> & { items?: Record<string, unknown>[] } };
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_scheduling_waiting_list');
    issuer = createTestIssuer();
    const env = { DATABASE_URL: database.url, ...issuer.env, KAFKA_BROKERS: brokers.join(',') };
    [referrals, scheduling] = await Promise.all([startService('referrals', env), startService('scheduling', env)]);
  });

  afterAll(async () => {
    await Promise.all([referrals?.stop(), scheduling?.stop()]);
    await database?.drop();
  });

  it('puts an accepted referral on the waiting list, and publishes a booked and attended first treatment appointment', async () => {
    // 1. A GP refers; the talking-therapies service accepts the referral to step 2 (referrals service).
    const received = await call(referrals, users.gpClinician, 'POST', '/referrals', {
      source: 'gp',
      patient: {
        nhsNumber: '9434765919',
        givenName: 'Ann',
        familyName: 'Example',
        dateOfBirth: '1990-04-01',
        postcode: 'LS1 4AP',
        phone: '0113 496 0000',
        preferredLanguage: 'en',
        interpreterNeeded: false,
      },
      receivingOrganisation: PROVIDER,
      urgency: 'urgent',
      reason: 'Low mood and poor sleep for three months',
      presentingProblems: ['low-mood', 'sleep'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    });
    expect(received.status).toBe(201);
    const referralId = received.body['id'] as string;
    const triaged = await call(referrals, users.therapist, 'POST', `/referrals/${referralId}/triage`, {
      outcome: 'accept',
      step: 'step-2',
      providingOrganisation: PROVIDER,
    });
    expect(triaged.status).toBe(200);

    // 2. It reaches the scheduling service over Kafka and appears on the provider's waiting list.
    const waiting = await waitUntil(
      'the accepted referral on the scheduling waiting list',
      async () => {
        const list = await call(scheduling, providerStaff, 'GET', `/waiting-list?organisation=${PROVIDER}`);
        return list.status === 200 ? list.body.items?.find((item) => item['referralId'] === referralId) : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(waiting).toMatchObject({ step: 'step-2', urgency: 'urgent', organisation: PROVIDER, daysWaited: 0 });
    const patientSubjectId = waiting['patientSubjectId'] as string;
    const episodeId = waiting['id'] as string;

    // 3. A first treatment appointment in a session starting a minute or two from now (real time: no test clock).
    const clinician = await call(scheduling, providerStaff, 'POST', '/clinicians', {
      name: 'PWP One',
      organisation: PROVIDER,
      role: 'pwp',
      languages: ['en'],
      sites: ['site-1'],
    });
    expect(clinician.status).toBe(201);
    const startsAt = new Date(Math.ceil((Date.now() + 70_000) / 60_000) * 60_000);
    const start = londonWallClock(startsAt);
    const end = londonWallClock(new Date(startsAt.getTime() + 15 * 60_000));
    const session = await call(scheduling, providerStaff, 'POST', `/clinicians/${clinician.body['id'] as string}/sessions`, {
      date: start.date,
      startTime: start.time,
      endTime: end.time,
      slotLengthMinutes: 15,
      modes: ['telephone'],
      site: 'site-1',
      purposes: ['treatment'],
      embargo: 'none',
    });
    expect(session.status).toBe(201);
    const slotId = (session.body['slots'] as { id: string }[])[0]?.id;
    const booked = await call(scheduling, providerStaff, 'POST', '/appointments', { patientSubjectId, episodeId, slotId, purpose: 'treatment', mode: 'telephone' });
    expect(booked.status).toBe(201);
    const appointmentId = booked.body['id'] as string;
    const afterBooking = await call(scheduling, providerStaff, 'GET', `/waiting-list?organisation=${PROVIDER}`);
    expect(afterBooking.body.items?.map((item) => item['id'])).not.toContain(episodeId);

    // 4. Once it has started, the clinician records that the person attended.
    const attended = await waitUntil(
      'the appointment to start, and attendance to be recorded',
      async () => {
        const response = await call(scheduling, providerStaff, 'POST', `/appointments/${appointmentId}/attendance`, { outcome: 'attended', durationMinutes: 14 });
        return response.status === 200 ? response : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 1_000 },
    );
    expect(attended.body['status']).toBe('attended');

    // 5. Both facts are on the scheduling topic, keyed by the patient, as the v1 contracts.
    const published = await readSchedulingTopic(brokers, (e) => e.data['appointmentId'] === appointmentId, 2);
    expect(published.map((p) => p.envelope.type)).toEqual(['scheduling.appointment-booked', 'scheduling.appointment-attended']);
    for (const p of published) expect(p.key).toBe(patientSubjectId);
    expect(published[1]?.envelope.data).toMatchObject({ episodeId, organisationId: PROVIDER, purpose: 'treatment', isTreatment: true, durationMinutes: 14 });
    expect(JSON.stringify(published)).not.toContain('Example');
    // Waits for a real slot to start: longer than the suite's default timeout.
  }, 300_000);
});
