import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, describeWithKafka, type TestDatabase, kafkaAdminEnv, kafkaTestClientSasl } from '@stepwell/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { SASLOptions } from 'kafkajs';
import { type ServiceProcess, startService } from './support/service-process';
import { createTestClockFile, type TestClockFile } from './support/test-clock-file';
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

type Body = Record<string, unknown> & { items?: Record<string, unknown>[] };

/** Every message on the scheduling topic about one appointment or episode, once `count` of them are there. */
async function readSchedulingTopic(brokers: string[], matches: (e: Envelope) => boolean, count: number) {
  const kafka = new Kafka({ clientId: 'e2e-scheduling-reader', brokers, logLevel: logLevel.NOTHING, ...(kafkaTestClientSasl() as { sasl?: SASLOptions }) });
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

/**
 * A start for a diary session of `minutes` (at most 60) a few minutes after the service's time, on a whole minute,
 * moved an hour later when the session would cross London midnight (a session lies within one day).
 */
function sessionStartAfter(serviceNow: Date, minutes: number): Date {
  const start = new Date(Math.ceil((serviceNow.getTime() + 3 * 60_000) / 60_000) * 60_000);
  const end = new Date(start.getTime() + minutes * 60_000);
  return londonWallClock(start).date === londonWallClock(end).date ? start : new Date(start.getTime() + 60 * 60_000);
}

const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);

describeWithKafka('referrals → scheduling → Kafka → referrals: waiting list, first treatment, missed appointments (built services, test clock)', ({ brokers }) => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let clock: TestClockFile;
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
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Body };
  };

  /** A GP refers, the provider accepts to step 2 in the referrals service; resolves with the scheduling waiting-list entry. */
  async function referAndAccept(patient: Record<string, unknown>, urgency: 'routine' | 'urgent') {
    const received = await call(referrals, users.gpClinician, 'POST', '/referrals', {
      source: 'gp',
      patient,
      receivingOrganisation: PROVIDER,
      urgency,
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

    // It reaches the scheduling service over Kafka and appears on the provider's waiting list.
    const waiting = await waitUntil(
      'the accepted referral on the scheduling waiting list',
      async () => {
        const list = await call(scheduling, providerStaff, 'GET', `/waiting-list?organisation=${PROVIDER}`);
        return list.status === 200 ? list.body.items?.find((item) => item['referralId'] === referralId) : undefined;
      },
      { timeoutMs: 60_000 },
    );
    return { referralId, waiting, patientSubjectId: waiting['patientSubjectId'] as string, episodeId: waiting['id'] as string };
  }

  /** A clinician of the provider with one telephone treatment session from `startsAt`, in 15-minute slots. */
  async function treatmentSession(name: string, startsAt: Date, minutes: number): Promise<{ id: string; startsAt: string }[]> {
    const clinician = await call(scheduling, providerStaff, 'POST', '/clinicians', {
      name,
      organisation: PROVIDER,
      role: 'pwp',
      languages: ['en'],
      sites: ['site-1'],
    });
    expect(clinician.status).toBe(201);
    const start = londonWallClock(startsAt);
    const session = await call(scheduling, providerStaff, 'POST', `/clinicians/${clinician.body['id'] as string}/sessions`, {
      date: start.date,
      startTime: start.time,
      endTime: londonWallClock(minutesAfter(startsAt, minutes)).time,
      slotLengthMinutes: 15,
      modes: ['telephone'],
      site: 'site-1',
      purposes: ['treatment'],
      embargo: 'none',
    });
    expect(session.status).toBe(201);
    return session.body['slots'] as { id: string; startsAt: string }[];
  }

  async function book(patientSubjectId: string, episodeId: string, slotId: string): Promise<string> {
    const booked = await call(scheduling, providerStaff, 'POST', '/appointments', { patientSubjectId, episodeId, slotId, purpose: 'treatment', mode: 'telephone' });
    expect(booked.status).toBe(201);
    return booked.body['id'] as string;
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e_scheduling_waiting_list');
    issuer = createTestIssuer();
    clock = createTestClockFile();
    const env = { DATABASE_URL: database.url, ...issuer.env, ...kafkaAdminEnv(brokers) };
    // Only scheduling runs on the movable clock here: the referrals service takes the times of these facts from the messages.
    [referrals, scheduling] = await Promise.all([startService('referrals', env), startService('scheduling', { ...env, ...clock.env })]);
  });

  afterAll(async () => {
    await Promise.all([referrals?.stop(), scheduling?.stop()]);
    await database?.drop();
    clock?.remove();
  });

  it('puts an accepted referral on the waiting list; an attended first treatment appointment is published and stops the referral’s waiting clock', async () => {
    // 1. Referred and accepted in the referrals service; on scheduling's waiting list, urgent, waiting since today.
    const { waiting, patientSubjectId, episodeId } = await referAndAccept(
      {
        nhsNumber: '9434765919',
        givenName: 'Ann',
        familyName: 'Example',
        dateOfBirth: '1990-04-01',
        postcode: 'LS1 4AP',
        phone: '0113 496 0000',
        preferredLanguage: 'en',
        interpreterNeeded: false,
      },
      'urgent',
    );
    expect(waiting).toMatchObject({ step: 'step-2', urgency: 'urgent', organisation: PROVIDER, daysWaited: 0 });

    // 2. A first treatment appointment a few minutes ahead; booked, the person leaves the waiting list.
    const startsAt = sessionStartAfter(clock.now(), 15);
    const [slot] = await treatmentSession('PWP One', startsAt, 15);
    expect(slot?.startsAt).toBe(startsAt.toISOString());
    const appointmentId = await book(patientSubjectId, episodeId, slot?.id ?? '');
    const afterBooking = await call(scheduling, providerStaff, 'GET', `/waiting-list?organisation=${PROVIDER}`);
    expect(afterBooking.body.items?.map((item) => item['id'])).not.toContain(episodeId);

    // 3. Attendance waits for the start by the service's clock; moved past the start, the clinician records it.
    const early = await call(scheduling, providerStaff, 'POST', `/appointments/${appointmentId}/attendance`, { outcome: 'attended', durationMinutes: 14 });
    expect(early.status).toBe(409);
    clock.moveTo(minutesAfter(startsAt, 15));
    const attended = await call(scheduling, providerStaff, 'POST', `/appointments/${appointmentId}/attendance`, { outcome: 'attended', durationMinutes: 14 });
    expect(attended.status).toBe(200);
    expect(attended.body['status']).toBe('attended');

    // 4. Both facts are on the scheduling topic, keyed by the patient, as the v1 contracts, with no personal data.
    const published = await readSchedulingTopic(brokers, (e) => e.data['appointmentId'] === appointmentId, 2);
    expect(published.map((p) => p.envelope.type)).toEqual(['scheduling.appointment-booked', 'scheduling.appointment-attended']);
    for (const p of published) expect(p.key).toBe(patientSubjectId);
    expect(published[1]?.envelope.data).toMatchObject({
      episodeId,
      organisationId: PROVIDER,
      purpose: 'treatment',
      isTreatment: true,
      durationMinutes: 14,
      startsAt: startsAt.toISOString(),
    });
    expect(JSON.stringify(published)).not.toMatch(/Example|9434765919|LS1 4AP/);

    // 5. The referrals service consumed it: the episode is in treatment and its waiting clock stopped at that appointment.
    const episode = await waitUntil(
      'the referrals episode’s waiting clock to stop',
      async () => {
        const response = await call(referrals, users.therapist, 'GET', `/episodes/${episodeId}`);
        const waitingClock = response.body['waitingClock'] as { running?: boolean } | undefined;
        return response.status === 200 && waitingClock?.running === false ? response.body : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(episode).toMatchObject({
      id: episodeId,
      patientSubjectId,
      status: 'InTreatment',
      waitingClock: { running: false, stoppedBy: 'first-attended-treatment-appointment', countedTo: londonWallClock(startsAt).date },
    });
  });

  it('raises an engagement review after two missed appointments with no contact, published and flagged on the referrals episode, never a discharge', async () => {
    // 1. Another person, referred and accepted; on the waiting list.
    const { patientSubjectId, episodeId } = await referAndAccept(
      { givenName: 'Bea', familyName: 'Sample', dateOfBirth: '1985-07-12', postcode: 'LS2 7AB', phone: '0113 496 0001' },
      'routine',
    );

    // 2. Two treatment appointments, one after the other (non-overlapping 15-minute slots of one session).
    const startsAt = sessionStartAfter(clock.now(), 30);
    const slots = await treatmentSession('PWP Two', startsAt, 30);
    expect(slots.map((s) => s.startsAt)).toEqual([startsAt.toISOString(), minutesAfter(startsAt, 15).toISOString()]);
    const appointmentIds: string[] = [];
    for (const slot of slots) appointmentIds.push(await book(patientSubjectId, episodeId, slot.id));

    // 3. The service's time moves past both; the person attended neither, and nobody reached them in between.
    clock.moveTo(minutesAfter(startsAt, 35));
    for (const id of appointmentIds) {
      const missed = await call(scheduling, providerStaff, 'POST', `/appointments/${id}/attendance`, { outcome: 'did-not-attend' });
      expect(missed.status).toBe(200);
      expect(missed.body['status']).toBe('did-not-attend');
    }
    const reviews = await call(scheduling, providerStaff, 'GET', `/engagement-reviews?organisation=${PROVIDER}`);
    expect(reviews.body.items?.filter((r) => r['episodeId'] === episodeId)).toEqual([expect.objectContaining({ patientSubjectId, consecutiveMissed: 2 })]);

    // 4. On the scheduling topic, in order, keyed by the patient, with no personal data.
    const published = await readSchedulingTopic(brokers, (e) => e.data['episodeId'] === episodeId, 5);
    expect(published.map((p) => p.envelope.type)).toEqual([
      'scheduling.appointment-booked',
      'scheduling.appointment-booked',
      'scheduling.appointment-not-attended',
      'scheduling.appointment-not-attended',
      'scheduling.engagement-review-needed',
    ]);
    for (const p of published) expect(p.key).toBe(patientSubjectId);
    const review = published[4]?.envelope;
    expect(review?.data).toMatchObject({ episodeId, organisationId: PROVIDER, consecutiveMissed: 2 });
    expect(JSON.stringify(published)).not.toMatch(/Sample|LS2 7AB|0113 496 0001/);

    // 5. The referrals service flagged the episode for clinical review (its journey shows the flag and why) ...
    const journey = await waitUntil(
      'the referrals episode flagged for clinical review',
      async () => {
        const response = await call(referrals, users.therapist, 'GET', `/patients/${patientSubjectId}/journey`);
        const timeline = (response.body?.['timeline'] ?? []) as Record<string, unknown>[];
        return timeline.some((entry) => entry['kind'] === 'flagged-for-clinical-review' && entry['episodeId'] === episodeId) ? timeline : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(journey.filter((entry) => entry['kind'] === 'flagged-for-clinical-review')).toEqual([
      expect.objectContaining({ episodeId, reason: 'missed-appointments', organisationId: PROVIDER, occurredAt: review?.data['raisedAt'] }),
    ]);
    // ... and nothing discharged the person: the episode still waits for a first treatment.
    const episode = await call(referrals, users.therapist, 'GET', `/episodes/${episodeId}`);
    expect(episode.body).toMatchObject({ id: episodeId, status: 'Waiting', discharge: null, waitingClock: { running: true, stoppedBy: null } });
  });
});
