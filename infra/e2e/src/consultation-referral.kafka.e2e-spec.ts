import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, describeWithKafka, kafkaServiceEnv, type TestDatabase } from '@stepwell/testing';
import { answersTotalling } from './support/questionnaire-answers';
import { scanAllTopics } from './support/kafka-scan';
import { attendTreatmentAppointment, registerClinician } from './support/scheduling-api';
import { type Json, serviceCalls } from './support/service-calls';
import { running, type ServiceProcess, startService } from './support/service-process';
import { createTestClockFile, type TestClockFile } from './support/test-clock-file';
import { waitUntil } from './support/wait-until';

// The services' JSON as it arrives: a boundary, read with the shapes the test expects.

const GP = users.gpClinician;
const THERAPIST = users.therapist;
const TT_ADMIN: TestUser = { user: 'u-tt-admin-cr', org: THERAPIST.org, orgType: 'talking-therapies', roles: ['admin'] };
const CMHT: TestUser = { user: 'u-cmht-cr', org: 'RY1', orgType: 'secondary-care', roles: ['clinician'] };
const SPECIALIST: TestUser = { user: 'u-pcpcs-cr', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['clinician'] };
const CONSULTATION_ADMIN: TestUser = { user: 'u-pcpcs-admin-cr', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['admin'] };
/** PHQ-9 and GAD-7 at each of four attended sessions: 18 → 17 and 14 → 13, no reliable improvement (6 and 4 needed). */
const SCORES = [
  [18, 14],
  [18, 14],
  [17, 13],
  [17, 13],
] as const;

/**
 * Issue 16's done-when over a real broker, with the built referrals, scheduling, outcomes and consultations services
 * as child processes (each its own Kafka user) on one fresh database and one test clock: a Talking Therapies episode
 * with four attended treatment sessions and no reliable improvement → outcomes publishes episode-not-on-track → an
 * offer of consultation in the treating organisation's worklist → accepted → the specialist answers "refer to
 * secondary care" with the risk answers, presenting problems and the person's consent (hazard H-CB1) → referrals
 * creates the referral (source consultation, the consultation its evidence) in the CMHT's triage queue, and the
 * person's journey lists the consultation and the referral. No planted personal text reaches any topic.
 */
describeWithKafka('a consultation’s "refer to secondary care" becomes a referral, from not-on-track onwards (issue 16)', ({ brokers }) => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let clock: TestClockFile;
  let referrals: ServiceProcess | undefined;
  let scheduling: ServiceProcess | undefined;
  let outcomes: ServiceProcess | undefined;
  let consultations: ServiceProcess | undefined;
  const run = randomUUID().slice(0, 8);
  const familyName = `Consultref${run}`;
  const email = `consultref-${run}@example.org`;
  const question = `Not improving after four sessions (${run}): what would you suggest?`;
  const history = `Recurrent depression since adolescence, ${run}`;
  const advice = `Refer to the CMHT for psychological therapy and medication review, ${run}`;
  const narrative = `Longstanding depression maintained by isolation, ${run}`;
  const tails = () => ({
    referrals: referrals?.output().slice(-1200),
    scheduling: scheduling?.output().slice(-800),
    outcomes: outcomes?.output().slice(-1200),
    consultations: consultations?.output().slice(-1200),
  });

  beforeAll(async () => {
    database = await createTestDatabase('e2e-consultation-referral');
    issuer = createTestIssuer();
    clock = createTestClockFile();
    const env = { DATABASE_URL: database.url, ...issuer.env };
    // One after the other: each creates its topic and runs its migrations at start-up; consultations consumes the
    // outcomes topic, so it starts last. Scheduling records attendance only once an appointment started: it, referrals
    // and consultations share the test clock (one timeline); outcomes runs on real time as in the outcomes e2e.
    referrals = await startService('referrals', { ...env, ...clock.env, ...kafkaServiceEnv('referrals', brokers) }, { readyTimeoutMs: 120_000 });
    scheduling = await startService('scheduling', { ...env, ...clock.env, ...kafkaServiceEnv('scheduling', brokers) }, { readyTimeoutMs: 120_000 });
    outcomes = await startService('outcomes', { ...env, ...kafkaServiceEnv('outcomes', brokers) }, { readyTimeoutMs: 120_000 });
    consultations = await startService('consultations', { ...env, ...clock.env, ...kafkaServiceEnv('consultations', brokers) }, { readyTimeoutMs: 120_000 });
  }, 480_000);

  afterAll(async () => {
    await Promise.all([consultations?.stop(), outcomes?.stop(), scheduling?.stop(), referrals?.stop()]);
    await database?.drop();
    clock?.remove();
  });

  const { call, expectCall } = serviceCalls(() => issuer);

  it('not on track after four sessions → offer → consultation → "refer to secondary care" → a referral in the CMHT’s queue with the consultation as evidence', async () => {
    const r = running(referrals, 'referrals');
    const s = running(scheduling, 'scheduling');
    const o = running(outcomes, 'outcomes');
    const c = running(consultations, 'consultations');

    await expectCall(c, CONSULTATION_ADMIN, 'PUT', `/offerings/${CONSULTATION_ADMIN.org}`, {
      specialistPool: [{ specialism: 'psychotherapist', count: 1 }],
      modes: ['written-advice'],
      eligibilityNotes: 'Adults in treatment with a local service',
      openingHours: [{ day: 'monday', opens: '09:00', closes: '17:00' }],
    }, 200);

    // The GP refers; Talking Therapies accepts at step 3 (an episode opens in referrals, published to all).
    const referral = await expectCall(r, GP, 'POST', '/referrals', {
      source: 'gp',
      patient: { givenName: 'Consult', familyName, dateOfBirth: '1982-03-09', postcode: 'LS1 4AP', email },
      receivingOrganisation: THERAPIST.org,
      urgency: 'routine',
      reason: `Low mood for a year, ${run}`,
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    }, 201);
    const patient = referral['patientSubjectId'] as string;
    const triaged = await expectCall(r, THERAPIST, 'POST', `/referrals/${referral['id'] as string}/triage`, { outcome: 'accept', step: 'step-3', providingOrganisation: THERAPIST.org }, 200);
    const episodeId = (triaged['triage'] as Json)['episodeId'] as string;

    // Four attended treatment sessions in scheduling, a PHQ-9 and a GAD-7 at each in outcomes: no reliable improvement.
    const therapistBearer = await issuer.bearer(THERAPIST);
    const adminBearer = await issuer.bearer(TT_ADMIN);
    for (const [n, [phq, gad]] of SCORES.entries()) {
      const clinicianId = await registerClinician(s, adminBearer, THERAPIST.org, n);
      const { appointmentId } = await attendTreatmentAppointment(s, clock, therapistBearer, { clinicianId, patientSubjectId: patient, episodeId });
      for (const [code, answers] of [['PHQ-9', answersTotalling('phq9', 9, phq, { 9: 0 })], ['GAD-7', answersTotalling('gad7', 7, gad)]] as const) {
        // Outcomes learns of the episode (and its care relationship) from the referrals topic: retried until then.
        await waitUntil(`the ${code} of session ${n + 1} recorded`, async () => {
          const recorded = await call(o, THERAPIST, 'POST', `/patients/${patient}/responses`, {
            questionnaireCode: code, questionnaireVersion: '1', episodeId, appointmentId, completedBy: 'patient', answers,
          });
          if (recorded.status === 201) return recorded;
          if (recorded.status !== 404 && recorded.status !== 403) throw new Error(`${code}: ${recorded.status} ${JSON.stringify(recorded.body)}`);
          return undefined;
        }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
      }
    }

    // episode-not-on-track over Kafka → an offer in the treating organisation's worklist.
    const offer = await waitUntil('the not-on-track offer in Talking Therapies’ worklist', async () => {
      const page = await expectCall(c, THERAPIST, 'GET', `/consultation-offers?organisation=${THERAPIST.org}&pageSize=100`, undefined, 200);
      return (page['items'] as Json[]).find((item) => item['patientSubjectId'] === patient && item['trigger'] === 'episode-not-on-track');
    }, { timeoutMs: 90_000, intervalMs: 250, lastSeen: tails });
    expect(offer).toMatchObject({ status: 'open' });
    expect(offer['summary']).toMatch(/PHQ-9 18 → 17/);
    expect(offer['summary']).toMatch(/no reliable improvement/);

    // The treating clinician accepts: a consultation request to the psychotherapy consultation service.
    const requested = await expectCall(c, THERAPIST, 'POST', `/consultation-offers/${offer['id'] as string}/accept`, {
      consultationService: SPECIALIST.org,
      consent: 'recorded',
      question,
      context: { history, currentAndPastTreatment: 'Four sessions of CBT', medication: 'Sertraline 100 mg', risk: 'No current risk' },
      urgency: 'routine',
      preferredMode: 'written-advice',
    }, 201);
    const consultationId = requested['id'] as string;

    // The specialist takes it and answers "refer to secondary care", with what the referral intake needs.
    await expectCall(c, SPECIALIST, 'POST', `/consultations/${consultationId}/accept`, { assignTo: SPECIALIST.user }, 200);
    const riskIndicators = { selfHarm: false, suicidalThoughts: false, harmToOthers: false };
    const consent = { personConsented: true, obtainedBy: 'requesting-clinician', obtainedAt: new Date(clock.now().getTime() - 3_600_000).toISOString() };
    const answered = await expectCall(c, SPECIALIST, 'POST', `/consultations/${consultationId}/answer`, {
      formulation: {
        presentingDifficulties: 'Persistent low mood',
        historyAndContext: history,
        maintainingFactors: 'Isolation',
        strengths: 'Engaged',
        risk: 'Low',
        narrative,
      },
      advice,
      outcome: 'refer-to-secondary-care',
      specialism: 'psychotherapist',
      referral: { receivingOrganisation: CMHT.org, urgency: 'urgent', riskIndicators, presentingProblems: ['low-mood', 'anhedonia'], consent },
    }, 200);
    expect(answered).toMatchObject({ status: 'answered', answer: { outcome: 'refer-to-secondary-care' } });

    // referral-requested v2 over Kafka → a referral in the CMHT's triage queue.
    const queued = await waitUntil('the referral in the CMHT’s triage queue', async () => {
      const page = await expectCall(r, CMHT, 'GET', `/referrals?organisation=${CMHT.org}&pageSize=100`, undefined, 200);
      return (page['items'] as Json[]).find((item) => item['patientSubjectId'] === patient);
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    const made = await expectCall(r, CMHT, 'GET', `/referrals/${queued['id'] as string}`, undefined, 200);
    expect(made).toMatchObject({
      status: 'Received',
      source: 'consultation',
      consultationId,
      receivingOrganisation: CMHT.org,
      referrerOrganisation: THERAPIST.org,
      // The practice from referrals' own record of the person (the GP's referral), never from the event.
      registeredGpPractice: GP.org,
      urgency: 'urgent',
      presentingProblems: ['low-mood', 'anhedonia'],
      riskIndicators: { ...riskIndicators, notes: null },
      consentToShare: true,
    });
    expect(made['reason']).toContain(consultationId);

    // The person's journey lists the consultation (with the referral it made) and the referral with its evidence.
    const journey = await waitUntil('the journey listing the consultation and its referral', async () => {
      const body = await expectCall(r, THERAPIST, 'GET', `/patients/${patient}/journey`, undefined, 200);
      const consultationsListed = body['consultations'] as Json[];
      return consultationsListed.some((item) => item['consultationId'] === consultationId && (item['referralIds'] as string[]).includes(made['id'] as string)) ? body : undefined;
    }, { timeoutMs: 30_000, intervalMs: 250, lastSeen: tails });
    expect(journey['consultations']).toContainEqual(expect.objectContaining({ consultationId, consultationServiceId: SPECIALIST.org, outcome: 'refer-to-secondary-care' }));
    expect(journey['referrals']).toContainEqual(expect.objectContaining({ referralId: made['id'], source: 'consultation', consultationId }));
    expect(journey['timeline']).toContainEqual(expect.objectContaining({ kind: 'referral-received', referralId: made['id'], evidence: { scores: [], consultationId } }));

    // No personal text on any topic: the planted name, email, question, context, formulation and advice are nowhere,
    // while the subject id is (so the scan reads what is there).
    const needles = [familyName, email, question, history, advice, narrative, `Low mood for a year, ${run}`, patient];
    const scan = await scanAllTopics(brokers, needles);
    expect(scan.hits[patient]).toBeGreaterThan(0);
    for (const needle of needles.slice(0, -1)) expect({ needle, hits: scan.hits[needle] }).toEqual({ needle, hits: 0 });
  }, 480_000);

  it('an MDT case discussion’s "refer to secondary care" becomes a referral in the CMHT’s queue with the MDT case as evidence (issue 16 item 6)', async () => {
    const r = running(referrals, 'referrals');
    const c = running(consultations, 'consultations');
    const mdtQuestion = `Refused by two services (${run}): where should she go?`;
    const summary = `Complex trauma; step 3 would not hold her, ${run}`;

    // A person the GP referred (so referrals knows them, and consultations learns the GP's care relationship).
    const referral = await expectCall(r, GP, 'POST', '/referrals', {
      source: 'gp',
      patient: { givenName: 'Mdt', familyName: `${familyName}m`, dateOfBirth: '1979-11-02', postcode: 'LS2 7HP', email: `mdt-${email}` },
      receivingOrganisation: THERAPIST.org,
      urgency: 'routine',
      reason: `Low mood and flashbacks, ${run}`,
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    }, 201);
    const patient = referral['patientSubjectId'] as string;
    // Talking Therapies takes them on at step 3: its clinician, the provider, reads the person's journey below (a
    // receiving organisation that has not accepted sees its referral only).
    await expectCall(r, THERAPIST, 'POST', `/referrals/${referral['id'] as string}/triage`, { outcome: 'accept', step: 'step-3', providingOrganisation: THERAPIST.org }, 200);

    const meeting = await expectCall(c, SPECIALIST, 'POST', '/mdt-meetings', {
      startsAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
      team: 'North locality mental health MDT',
      attendees: [
        { userId: SPECIALIST.user, role: 'consultant-psychiatrist', organisation: SPECIALIST.org },
        { userId: GP.user, role: 'gp', organisation: GP.org },
      ],
    }, 201);
    const meetingId = meeting['id'] as string;
    // Consultations learns the GP's relationship to the person from the referrals topic: retried until then.
    const withCase = await waitUntil('the MDT case on the agenda', async () => {
      const added = await call(c, GP, 'POST', `/mdt-meetings/${meetingId}/cases`, { patient: { subjectId: patient }, question: mdtQuestion });
      if (added.status === 200) return added.body as Json;
      if (added.status !== 404 && added.status !== 403) throw new Error(`case: ${added.status} ${JSON.stringify(added.body)}`);
      return undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    const caseId = ((withCase['cases'] as Json[])[0] as Json)['id'] as string;

    const riskIndicators = { selfHarm: true, suicidalThoughts: false, harmToOthers: false };
    const consent = { personConsented: true, obtainedBy: 'requesting-clinician', obtainedAt: new Date(clock.now().getTime() - 3_600_000).toISOString() };
    await expectCall(c, SPECIALIST, 'POST', `/mdt-meetings/${meetingId}/cases/${caseId}/discussion`, {
      summary,
      decision: 'refer-to-secondary-care',
      referral: { receivingOrganisation: CMHT.org, urgency: 'urgent', riskIndicators, presentingProblems: ['complex-trauma'], consent },
    }, 200);

    // mdt-referral-requested over Kafka → a referral in the CMHT's triage queue, the MDT case its evidence.
    const queued = await waitUntil('the MDT’s referral in the CMHT’s triage queue', async () => {
      const page = await expectCall(r, CMHT, 'GET', `/referrals?organisation=${CMHT.org}&pageSize=100`, undefined, 200);
      return (page['items'] as Json[]).find((item) => item['patientSubjectId'] === patient);
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    const made = await expectCall(r, CMHT, 'GET', `/referrals/${queued['id'] as string}`, undefined, 200);
    expect(made).toMatchObject({ status: 'Received', source: 'consultation', consultationId: null, mdtCaseId: caseId, referrerOrganisation: GP.org, urgency: 'urgent', presentingProblems: ['complex-trauma'] });

    const journey = await expectCall(r, THERAPIST, 'GET', `/patients/${patient}/journey`, undefined, 200);
    expect(journey['mdtCases']).toContainEqual(expect.objectContaining({ caseId, meetingId, decision: 'refer-to-secondary-care', referralIds: [made['id']] }));

    const scan = await scanAllTopics(brokers, [mdtQuestion, summary, caseId]);
    expect(scan.hits[caseId]).toBeGreaterThan(0);
    expect({ question: scan.hits[mdtQuestion], summary: scan.hits[summary] }).toEqual({ question: 0, summary: 0 });
  }, 240_000);
});
