import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, describeWithKafka, kafkaServiceEnv, type TestDatabase } from '@stepwell/testing';
import { scanAllTopics } from './support/kafka-scan';
import { type Json, serviceCalls } from './support/service-calls';
import { running, type ServiceProcess, startService } from './support/service-process';
import { createTestClockFile, type TestClockFile } from './support/test-clock-file';
import { waitUntil } from './support/wait-until';

// The services' JSON as it arrives: a boundary, read with the shapes the test expects.

const DAY = 86_400_000;
const DECLINE_TEXT = 'Too complex for step 3: needs longer-term specialist work';
const ADVICE = 'Below our threshold: consider a psychotherapy consultation';
/** Under 5 every count is suppressed (gap metrics, H-GW4): five people make each figure of the story visible. */
const PEOPLE = 5;
const GP = users.gpClinician;
const TALKING_THERAPIES = users.therapist;
const CMHT: TestUser = { user: 'u-cmht-e2e', org: 'RY1', orgType: 'secondary-care', roles: ['clinician'] };
const CONSULTATION_SERVICE: TestUser = { user: 'u-pcpcs-e2e', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['clinician'] };
const CONSULTATION_ADMIN: TestUser = { user: 'u-pcpcs-admin-e2e', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['admin'] };

/**
 * Issue 18's done-when over a real broker: a GP refers; Talking Therapies declines; the GP refers to the CMHT, which
 * returns it with advice; the thread goes overdue (test clock) and the consultations service, from the published
 * care-thread-flagged, offers the GP a consultation; the GP accepts, the consultation service takes the person on
 * (`direct-psychological-therapy`), referrals resolves the thread from consultation-answered; the commissioner's gap
 * metrics count the people refused by both and the days to care. Referrals and consultations run as built, each with
 * its own Kafka user, on one fresh database and one test clock.
 */
describeWithKafka('gap watch end to end: refused twice, overdue, offered a consultation, taken on, counted (issue 18)', ({ brokers }) => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let clock: TestClockFile;
  let referrals: ServiceProcess | undefined;
  let consultations: ServiceProcess | undefined;
  const run = randomUUID().slice(0, 8);
  const familyName = (n: number) => `Gapwatch${run}x${n}`;
  const services = () => ({ referrals: running(referrals, 'referrals'), consultations: running(consultations, 'consultations') });
  const tails = () => ({ referrals: referrals?.output().slice(-1500), consultations: consultations?.output().slice(-1500) });

  beforeAll(async () => {
    database = await createTestDatabase('e2e-gap-watch');
    issuer = createTestIssuer();
    clock = createTestClockFile();
    const env = { DATABASE_URL: database.url, ...issuer.env, ...clock.env };
    // Referrals first (its topic and migrations), then consultations; the overdue check every second.
    referrals = await startService('referrals', { ...env, ...kafkaServiceEnv('referrals', brokers), CARE_THREAD_CHECK_EVERY_SECONDS: '1' }, { readyTimeoutMs: 120_000 });
    consultations = await startService('consultations', { ...env, ...kafkaServiceEnv('consultations', brokers) }, { readyTimeoutMs: 120_000 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([referrals?.stop(), consultations?.stop()]);
    await database?.drop();
    clock?.remove();
  });

  const { expectCall } = serviceCalls(() => issuer);

  /** The GP's referral of person `n` to `receiving`. */
  const referral = (n: number, receiving: string) => ({
    source: 'gp',
    patient: { givenName: 'Gapwatch', familyName: familyName(n), dateOfBirth: '1979-02-11', postcode: 'LS1 4AP', email: `gapwatch-${run}-${n}@example.org` },
    receivingOrganisation: receiving,
    urgency: 'routine',
    reason: 'Long-standing low mood, two courses of therapy without change',
    presentingProblems: ['low-mood'],
    riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
    consentToShare: true,
  });

  async function threadsOfGp(status: 'open' | 'resolved'): Promise<Json[]> {
    const page = await expectCall(services().referrals, GP, 'GET', `/care-threads?organisation=${GP.org}&status=${status}&pageSize=100`, undefined, 200);
    return page['items'] as Json[];
  }
  async function offersOfGp(): Promise<Json[]> {
    const page = await expectCall(services().consultations, GP, 'GET', `/consultation-offers?organisation=${GP.org}&pageSize=100`, undefined, 200);
    return (page['items'] as Json[]).filter((offer) => offer['trigger'] === 'care-thread-flagged');
  }

  it('refused by Talking Therapies and the CMHT, overdue, offered a consultation, taken on by it, resolved and counted', async () => {
    const { referrals: r, consultations: c } = services();
    const openedAt = clock.now();

    // The consultation service publishes what it offers (the GP can only ask a service that does).
    await expectCall(c, CONSULTATION_ADMIN, 'PUT', `/offerings/${CONSULTATION_ADMIN.org}`, {
      specialistPool: [{ specialism: 'psychotherapist', count: 2 }],
      modes: ['written-advice'],
      eligibilityNotes: 'Adults registered with a practice in the borough',
      openingHours: [{ day: 'monday', opens: '09:00', closes: '17:00' }],
    }, 200);

    // A GP refers; Talking Therapies declines (need not in its scope: too complex); the GP refers to the CMHT, which
    // returns it with advice. Five people, each the same story.
    const people: string[] = [];
    for (let n = 0; n < PEOPLE; n++) {
      const first = await expectCall(r, GP, 'POST', '/referrals', referral(n, TALKING_THERAPIES.org), 201);
      const declined = await expectCall(r, TALKING_THERAPIES, 'POST', `/referrals/${first['id'] as string}/triage`, {
        outcome: 'decline', reason: 'primary-need-not-in-scope', text: DECLINE_TEXT,
      }, 200);
      expect(declined).toMatchObject({ status: 'Triaged', triage: { outcome: 'decline' } });
      const second = await expectCall(r, GP, 'POST', '/referrals', referral(n, CMHT.org), 201);
      expect(second['patientSubjectId']).toBe(first['patientSubjectId']);
      const returned = await expectCall(r, CMHT, 'POST', `/referrals/${second['id'] as string}/triage`, { outcome: 'return-with-advice', advice: ADVICE }, 200);
      expect(returned).toMatchObject({ status: 'Triaged', triage: { outcome: 'return-with-advice' } });
      people.push(first['patientSubjectId'] as string);
    }
    const ours = (threads: Json[]) => threads.filter((t) => people.includes(t['patientSubjectId'] as string));

    // Open, held by the GP, with both decisions, flagged (two services within 90 days), not yet overdue.
    const open = await waitUntil('five open, flagged threads', async () => {
      const threads = ours(await threadsOfGp('open'));
      return threads.length === PEOPLE && threads.every((t) => t['flaggedAt'] && (t['decisions'] as Json[]).length === 2) ? threads : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    for (const thread of open) {
      expect(thread).toMatchObject({
        referringOrganisationId: GP.org,
        overdue: false,
        resolution: null,
        decisions: [
          { outcome: 'decline', organisationId: TALKING_THERAPIES.org, declineReason: 'primary-need-not-in-scope' },
          { outcome: 'return-with-advice', organisationId: CMHT.org, advice: ADVICE },
        ],
      });
    }

    // Fifteen days pass with nobody accepting: each thread is overdue, a task on the GP's view.
    clock.moveTo(new Date(openedAt.getTime() + 15 * DAY));
    const overdue = await waitUntil('the overdue check to mark all five', async () => {
      const threads = ours(await threadsOfGp('open'));
      return threads.length === PEOPLE && threads.every((t) => t['overdue'] === true) ? threads : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    for (const thread of overdue) expect(thread['task']).toEqual(expect.objectContaining({ dueAt: expect.any(String) }));

    // care-thread-flagged over Kafka → an offer of consultation in the GP's worklist, one per person.
    const offers = await waitUntil('an offer per person in the GP’s worklist', async () => {
      const found = (await offersOfGp()).filter((o) => people.includes(o['patientSubjectId'] as string));
      return found.length === PEOPLE ? found : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    for (const offer of offers) {
      expect(offer).toMatchObject({ status: 'open', summary: 'Refused by 2 services within 90 days — ask for a consultation or an MDT discussion?', measureIds: [] });
    }

    // The GP accepts each offer (a consultation request to PCP01); the service takes the person on.
    for (const offer of offers) {
      const requested = await expectCall(c, GP, 'POST', `/consultation-offers/${offer['id'] as string}/accept`, {
        consultationService: CONSULTATION_SERVICE.org,
        consent: 'recorded',
        question: 'Refused by Talking Therapies and the CMHT: can you take this person on?',
        context: { history: 'Long-standing low mood', currentAndPastTreatment: 'Two courses of CBT', medication: 'Sertraline', risk: 'No current risk' },
        urgency: 'routine',
        preferredMode: 'written-advice',
      }, 201);
      const consultationId = requested['id'] as string;
      expect(requested).toMatchObject({ consultationService: CONSULTATION_SERVICE.org });
      expect(await expectCall(c, GP, 'GET', `/consultation-offers/${offer['id'] as string}`, undefined, 200)).toMatchObject({ status: 'accepted', consultationId });
      await expectCall(c, CONSULTATION_SERVICE, 'POST', `/consultations/${consultationId}/accept`, { assignTo: CONSULTATION_SERVICE.user }, 200);
      const answered = await expectCall(c, CONSULTATION_SERVICE, 'POST', `/consultations/${consultationId}/answer`, {
        formulation: {
          presentingDifficulties: 'Persistent low mood',
          historyAndContext: 'Two courses of therapy without change',
          maintainingFactors: 'Avoidance',
          strengths: 'Engaged and motivated',
          risk: 'Low',
          narrative: 'Needs longer-term psychological therapy than step 3 offers.',
        },
        advice: 'We will offer psychodynamic psychotherapy here.',
        outcome: 'direct-psychological-therapy',
        specialism: 'psychotherapist',
        // Therapy by the consultation service itself (for complex needs): it names itself as where the person goes.
        referral: { receivingOrganisation: CONSULTATION_SERVICE.org, urgency: 'routine' },
      }, 200);
      expect(answered).toMatchObject({ status: 'answered' });
    }

    // consultation-answered over Kafka → referrals resolves each thread: care accepted through the consultation.
    const resolved = await waitUntil('all five threads resolved', async () => {
      const threads = ours(await threadsOfGp('resolved'));
      return threads.length === PEOPLE ? threads : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    for (const thread of resolved) {
      expect(thread['resolution']).toMatchObject({ how: 'care-accepted', source: 'consultation-accepted', acceptingOrganisationId: CONSULTATION_SERVICE.org });
    }
    expect(ours(await threadsOfGp('open'))).toEqual([]);

    // The commissioner's gap metrics: five people refused by both, every thread a bounce and overdue, care reached
    // after 15 days (within 28 and 90: all; within 14: none, which under 5 is a suppressed null), median 15 days
    // from first referral to care.
    const from = new Date(openedAt.getTime() - DAY).toISOString();
    const to = new Date(clock.now().getTime() + DAY).toISOString();
    const metrics = await expectCall(r, users.commissioner, 'GET', `/metrics/gaps?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, undefined, 200);
    expect(metrics['total']).toMatchObject({
      referralsRefused: 2 * PEOPLE,
      peopleRefused: PEOPLE,
      refusedByTalkingTherapiesAndSecondaryCare: PEOPLE,
      bounces: PEOPLE,
      threadsOverdue: PEOPLE,
      reachedCareWithin: { days14: null, days28: 1, days90: 1 },
      outcomes: { decline: PEOPLE, 'return-with-advice': PEOPLE },
      declineReasons: { 'primary-need-not-in-scope': PEOPLE },
      declineReasonsOfRefusedByBoth: { 'primary-need-not-in-scope': PEOPLE },
    });
    // The commissioner's own area (the GP practice A81001 is in QWE01's): the same people.
    const area = await expectCall(r, users.commissioner, 'GET', `/metrics/gaps?area=QWE01&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, undefined, 200);
    expect(area).toMatchObject({ area: 'QWE01', total: { referralsRefused: 2 * PEOPLE, refusedByTalkingTherapiesAndSecondaryCare: PEOPLE } });
    const median = (metrics['total'] as Json)['medianDaysFirstReferralToCare'] as number;
    expect(median).toBeGreaterThanOrEqual(15);
    expect(median).toBeLessThan(16);
    expect(JSON.stringify(metrics)).not.toMatch(/patientSubjectId|threadId|referralId/);
    for (const person of people) expect(JSON.stringify(metrics)).not.toContain(person);

    // No personal data on any topic: the planted names and emails are nowhere, while the subject ids are (so the
    // scan reads what is there).
    // The decline's text and the CMHT's advice are kept in referrals, never published.
    const needles = [...Array.from({ length: PEOPLE }, (_, n) => familyName(n)), `gapwatch-${run}`, DECLINE_TEXT, ADVICE, people[0] ?? 'missing'];
    const scan = await scanAllTopics(brokers, needles);
    expect(scan.hits[people[0] ?? 'missing']).toBeGreaterThan(0);
    for (const needle of needles.slice(0, -1)) expect({ needle, hits: scan.hits[needle] }).toEqual({ needle, hits: 0 });
  }, 300_000);
});
