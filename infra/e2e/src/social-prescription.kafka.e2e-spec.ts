import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, describeWithKafka, kafkaServiceEnv, type TestDatabase } from '@stepwell/testing';
import { scanAllTopics } from './support/kafka-scan';
import { answersTotalling } from './support/questionnaire-answers';
import { type Json, serviceCalls } from './support/service-calls';
import { running, type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

// The services' JSON as it arrives: a boundary, read with the shapes the test expects.

const GP = users.gpClinician;
const TALKING_THERAPIES = users.therapist;
/** A social prescribing link worker (a voluntary-sector link-worker service) and two community organisations. */
const LINK_WORKER: TestUser = { user: 'u-lw-e2e', org: 'VS0042', orgType: 'voluntary-sector', roles: ['link-worker'] };
const DEBT_EDITOR: TestUser = { user: 'u-debt-editor-e2e', org: 'VS0077', orgType: 'voluntary-sector', roles: ['directory-editor'] };
const DEBT_WORKER: TestUser = { user: 'u-debt-worker-e2e', org: 'VS0077', orgType: 'voluntary-sector', roles: ['link-worker', 'admin'] };
const OTHER_COMMUNITY: TestUser = { user: 'u-walks-e2e', org: 'VS0099', orgType: 'voluntary-sector', roles: ['link-worker', 'admin'] };

/**
 * Issue 17's done-when over a real broker, the closed loop: a Talking Therapies clinician's link-worker referral →
 * what matters to me with goals and a baseline SWEMWBS → a direct referral to a debt-advice service → accepted →
 * started, attended, completed → the follow-up SWEMWBS → visible in the person's journey (referrals) and measures
 * (outcomes) beside their therapy; another community organisation sees nothing of the person. Referrals, outcomes and
 * the directory run as built, each on its own Kafka user, on one fresh database; no topic holds the planted personal
 * text.
 */
describeWithKafka('social prescription end to end: Talking Therapies → link worker → debt advice → outcomes back (issue 17)', ({ brokers }) => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  let referrals: ServiceProcess | undefined;
  let outcomes: ServiceProcess | undefined;
  let directory: ServiceProcess | undefined;
  const run = randomUUID().slice(0, 8);
  // Planted personal text: none of it may reach a topic.
  const FAMILY_NAME = `Socialrx${run}`;
  const PERSON_NAME = `Sam ${FAMILY_NAME}`;
  const PHONE = '07700 900461';
  const REASON = `Rent arrears ${run} are stalling therapy`;
  const GOAL = `Get on top of the rent arrears ${run}`;
  const PRIVATE_GOAL = `Talk about my brother ${run}`;
  const ASKS = `A debt management plan ${run}`;
  const SAFETY = `Prefers calls after 5pm ${run}`;
  const services = () => ({ referrals: running(referrals, 'referrals'), outcomes: running(outcomes, 'outcomes'), directory: running(directory, 'directory') });
  const tails = () => ({ referrals: referrals?.output().slice(-1500), outcomes: outcomes?.output().slice(-1500), directory: directory?.output().slice(-1500) });

  beforeAll(async () => {
    database = await createTestDatabase('e2e-social-prescription');
    issuer = createTestIssuer();
    const env = { DATABASE_URL: database.url, ...issuer.env };
    // One after the other (each creates its topic and runs its migrations at start-up): referrals first, whose topic
    // the other two read; the reply-window check off (this story is answered within the 14 days).
    referrals = await startService('referrals', { ...env, ...kafkaServiceEnv('referrals', brokers) }, { readyTimeoutMs: 120_000 });
    outcomes = await startService('outcomes', { ...env, ...kafkaServiceEnv('outcomes', brokers), RISK_ALERT_CHECK_EVERY_SECONDS: '0' }, { readyTimeoutMs: 120_000 });
    directory = await startService('directory', { ...env, ...kafkaServiceEnv('directory', brokers), SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS: '0' }, { readyTimeoutMs: 120_000 });
  }, 400_000);

  afterAll(async () => {
    await Promise.all([referrals?.stop(), outcomes?.stop(), directory?.stop()]);
    await database?.drop();
  });

  const { call, expectCallWithEtag: expectCall } = serviceCalls(() => issuer);
  const today = () => new Date().toISOString().slice(0, 10);

  it('closes the loop: the debt advice accepted, attended and completed and the follow-up SWEMWBS are in the journey and the measures; nobody else sees the person', async () => {
    const { referrals: r, outcomes: o, directory: d } = services();

    // --- Therapy: a GP refers to Talking Therapies, which accepts to step 2 and records a PHQ-9. ---
    const referral = await expectCall(r, GP, 'POST', '/referrals', {
      source: 'gp',
      patient: { givenName: 'Sam', familyName: FAMILY_NAME, dateOfBirth: '1984-06-02', postcode: 'TR1 2HE', phone: PHONE },
      receivingOrganisation: TALKING_THERAPIES.org,
      registeredGpPractice: GP.org,
      urgency: 'routine',
      reason: 'Low mood and worry about money',
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    }, 201);
    const patient = referral['patientSubjectId'] as string;
    const accepted = await expectCall(r, TALKING_THERAPIES, 'POST', `/referrals/${referral['id'] as string}/triage`, { outcome: 'accept', step: 'step-2', providingOrganisation: TALKING_THERAPIES.org }, 200);
    const episodeId = (accepted['triage'] as Json)['episodeId'] as string;
    // Outcomes learns the episode from the referrals topic; then the therapist records a PHQ-9 there.
    const phq9 = await waitUntil('outcomes to know the episode (referrals topic) and take a PHQ-9', async () => {
      const answer = await call(o, TALKING_THERAPIES, 'POST', `/patients/${patient}/responses`, {
        questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: answersTotalling('phq9', 9, 16, { 9: 0 }),
      }, { 'idempotency-key': `phq9-${run}` });
      return answer.status === 201 ? answer.body : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    expect(phq9).toMatchObject({ total: 16 });

    // --- The directory: the debt-advice service listed under the whole-life domain "Money and debt". ---
    const terms = await expectCall(d, null, 'GET', '/taxonomy_terms?per_page=200', undefined, 200);
    const moneyAndDebt = (terms['contents'] as Json[]).find((t) => t['name'] === 'Money and debt');
    expect(moneyAndDebt).toBeDefined();
    const debtOrg = await expectCall(d, DEBT_EDITOR, 'POST', '/organizations', { name: `Kernow Debt Advice ${run}`, description: 'Free, confidential debt advice.' }, 201);
    const debtService = await expectCall(d, DEBT_EDITOR, 'POST', '/services', {
      organization_id: debtOrg['id'], name: `Debt advice ${run}`, description: 'One-to-one debt advice.', status: 'active',
      attributes: [{ id: randomUUID(), taxonomy_term_id: moneyAndDebt?.['id'] }],
    }, 201);
    const serviceId = debtService['id'] as string;
    // The link worker finds it by the domain (the public ORUK API, no token).
    const found = await expectCall(d, null, 'GET', `/services?taxonomy_term_id=${moneyAndDebt?.['id'] as string}&text=${encodeURIComponent(run)}`, undefined, 200);
    expect((found['contents'] as Json[]).map((s) => s['id'])).toEqual([serviceId]);

    // --- The Talking Therapies clinician's referral to the link worker, recorded by the link worker. ---
    const made = await expectCall(d, LINK_WORKER, 'POST', '/social-prescriptions', {
      patient_subject_id: patient,
      source: 'talking-therapies',
      source_organisation_id: TALKING_THERAPIES.org,
      source_reference: `episode ${episodeId}`,
      person: { name: PERSON_NAME, contact: { method: 'phone', value: PHONE } },
      reason: REASON,
      consent_to_share_with: [DEBT_WORKER.org],
    }, 201);
    const prescriptionId = made['id'] as string;
    // What matters to me: goals against the whole-life domains (one kept private) and the baseline SWEMWBS.
    const talked = await expectCall(d, LINK_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/what-matters`, {
      goals: [
        { id: 'g-debt', domain: 'money-and-debt', description: GOAL, share_with_community: true },
        { id: 'g-private', domain: 'bereavement', description: PRIVATE_GOAL, share_with_community: false },
      ],
      baseline: { measure: 'SWEMWBS', score: 17, taken_on: today() },
    }, 200, { 'if-match': made.etag ?? '' });
    // The direct referral to the debt-advice service.
    const referred = await expectCall(d, LINK_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/community-referral`, {
      service_id: serviceId, asks: ASKS, shared_goal_ids: ['g-debt'], safety_notes: SAFETY,
    }, 200, { 'if-match': talked.etag ?? '' });
    expect(referred).toMatchObject({ status: 'AwaitingReply' });

    // --- The debt-advice service: its minimum-necessary view, accept, started, attended, completed. ---
    const inbox = await expectCall(d, DEBT_WORKER, 'GET', '/social-prescriptions/inbox', undefined, 200);
    const item = (inbox['items'] as Json[]).find((i) => i['id'] === prescriptionId);
    expect(item).toMatchObject({ person: { name: PERSON_NAME }, shared_goals: [expect.objectContaining({ description: GOAL })] });
    for (const hidden of [REASON, PRIVATE_GOAL, 'SWEMWBS', 'PHQ-9']) expect(JSON.stringify(item)).not.toContain(hidden);
    const view = await expectCall(d, DEBT_WORKER, 'GET', `/social-prescriptions/${prescriptionId}`, undefined, 200);
    const acceptedRx = await expectCall(d, DEBT_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/accept`, undefined, 200, { 'if-match': view.etag ?? '' });
    const started = await expectCall(d, DEBT_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/progress`, { step: 'started', on: today() }, 200, { 'if-match': acceptedRx.etag ?? '' });
    const attended = await expectCall(d, DEBT_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/progress`, { step: 'attended', on: today() }, 200, { 'if-match': started.etag ?? '' });
    const completed = await expectCall(d, DEBT_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/progress`, { step: 'completed', on: today() }, 200, { 'if-match': attended.etag ?? '' });
    expect(completed).toMatchObject({ progress: { sessions_attended: 1 } });

    // --- The link worker's follow-up SWEMWBS. ---
    const full = await expectCall(d, LINK_WORKER, 'GET', `/social-prescriptions/${prescriptionId}`, undefined, 200);
    await expectCall(d, LINK_WORKER, 'POST', `/social-prescriptions/${prescriptionId}/follow-up-measure`, { measure: { measure: 'SWEMWBS', score: 23, taken_on: today() } }, 200, { 'if-match': full.etag ?? '' });

    // --- Referrals: the journey shows the prescription accepted, attended, completed and both measures, beside the episode. ---
    const journey = await waitUntil('the journey to show the completed prescription and its follow-up measure', async () => {
      const answer = await expectCall(r, TALKING_THERAPIES, 'GET', `/patients/${patient}/journey`, undefined, 200);
      const rx = (answer['socialPrescriptions'] as Json[]).find((p) => p['prescriptionId'] === prescriptionId);
      return rx && rx['status'] === 'completed' && (rx['measures'] as Json[]).length === 2 ? answer : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    expect(journey['episodes']).toEqual([expect.objectContaining({ episodeId, providingOrganisationId: TALKING_THERAPIES.org })]);
    const rx = (journey['socialPrescriptions'] as Json[])[0] as Json;
    expect(rx).toMatchObject({
      prescriptionId,
      linkWorkerOrganisationId: LINK_WORKER.org,
      serviceId,
      communityOrganisationId: DEBT_WORKER.org,
      status: 'completed',
      sessionsAttended: 1,
      sessionsMissed: 0,
      measures: [
        { timing: 'baseline', measure: 'SWEMWBS', total: 17, takenOn: today() },
        { timing: 'follow-up', measure: 'SWEMWBS', total: 23, takenOn: today() },
      ],
    });
    expect((rx['events'] as Json[]).map((e) => e['kind'])).toEqual(['wellbeing-measure', 'made', 'accepted', 'started', 'attended', 'completed', 'wellbeing-measure']);
    expect((rx['events'] as Json[]).find((e) => e['kind'] === 'accepted')).toMatchObject({ organisationId: DEBT_WORKER.org });
    // The care-seeking side heard the acceptance too: nothing else about the person changed.
    expect(journey['oddities']).toEqual([]);

    // --- Outcomes: the follow-up SWEMWBS beside the PHQ-9 in the person's measures. ---
    const swemwbs = await waitUntil('outcomes to hold both SWEMWBS of the prescription', async () => {
      const answer = await expectCall(o, TALKING_THERAPIES, 'GET', `/patients/${patient}/measures?code=SWEMWBS`, undefined, 200);
      return (answer['communityMeasures'] as Json[]).length === 2 ? answer : undefined;
    }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: tails });
    expect(swemwbs['communityMeasures']).toEqual([
      expect.objectContaining({ prescriptionId, linkWorkerOrganisationId: LINK_WORKER.org, timing: 'baseline', total: 17, metricScore: 16.88 }),
      expect.objectContaining({ prescriptionId, linkWorkerOrganisationId: LINK_WORKER.org, timing: 'follow-up', total: 23, metricScore: 20.73 }),
    ]);
    const phq9Series = await expectCall(o, TALKING_THERAPIES, 'GET', `/patients/${patient}/measures?code=PHQ-9`, undefined, 200);
    expect((phq9Series['items'] as Json[]).map((p) => p['total'])).toEqual([16]);

    // --- Another community organisation sees nothing of the person: 404 everywhere, as for an unknown id. ---
    await expectCall(d, OTHER_COMMUNITY, 'GET', `/social-prescriptions/${prescriptionId}`, undefined, 404);
    await expectCall(d, OTHER_COMMUNITY, 'POST', `/social-prescriptions/${prescriptionId}/progress`, { step: 'attended', on: today() }, 404);
    const otherInbox = await expectCall(d, OTHER_COMMUNITY, 'GET', '/social-prescriptions/inbox', undefined, 200);
    expect((otherInbox['items'] as Json[]).map((i) => i['id'])).not.toContain(prescriptionId);
    await expectCall(r, OTHER_COMMUNITY, 'GET', `/patients/${patient}/journey`, undefined, 404);
    await expectCall(o, OTHER_COMMUNITY, 'GET', `/patients/${patient}/measures?code=SWEMWBS`, undefined, 404);
    // Nor does the debt-advice service read the clinical side: no journey, no measures.
    await expectCall(r, DEBT_WORKER, 'GET', `/patients/${patient}/journey`, undefined, 404);
    await expectCall(o, DEBT_WORKER, 'GET', `/patients/${patient}/measures?code=SWEMWBS`, undefined, 404);

    // --- No personal text on any topic: the planted name, phone, reason, goals, asks and safety notes are nowhere,
    // while the person's subject id and the prescription are (so the scan reads what is there). ---
    const needles = [FAMILY_NAME, PHONE, REASON, GOAL, PRIVATE_GOAL, ASKS, SAFETY, prescriptionId];
    const scan = await scanAllTopics(brokers, needles);
    expect(scan.hits[prescriptionId]).toBeGreaterThan(0);
    for (const needle of needles.slice(0, -1)) expect({ needle, hits: scan.hits[needle] }).toEqual({ needle, hits: 0 });
  }, 300_000);
});
