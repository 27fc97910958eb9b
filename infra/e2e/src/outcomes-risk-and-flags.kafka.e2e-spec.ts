import { randomUUID } from 'node:crypto';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { topicFor } from '@stepwell/messaging';
import { createTestDatabase, describeWithKafka, type TestDatabase, kafkaAdminEnv, kafkaTestClientSasl } from '@stepwell/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import type { SASLOptions } from 'kafkajs';
import { Pool } from 'pg';
import { type AcceptedReferral, dischargeEpisode, referAndAccept } from './support/care-episode-api';
import { type Answer, answersTotalling } from './support/questionnaire-answers';
import { attendTreatmentAppointment, registerClinician } from './support/scheduling-api';
import { running, type ServiceProcess, startService } from './support/service-process';
import { createTestClockFile, type TestClockFile } from './support/test-clock-file';
import { waitUntil } from './support/wait-until';

const THERAPIST = users.therapist;
const REFERRER = users.gpClinician;
/** The therapist's organisation's administrator: registers clinicians in the scheduling service. */
const SERVICE_ADMIN: TestUser = { user: 'u-tt-admin-1', org: THERAPIST.org, orgType: 'talking-therapies', roles: ['admin'] };

interface EpisodeRow {
  referral_id: string | null;
  step: string | null;
  providing_organisation_id: string | null;
  status: string;
  discharge_reason: string | null;
}

/**
 * The built referrals, scheduling and outcomes services as child processes on one fresh database and a real Kafka
 * broker; the test only makes HTTP calls and reads the topics. The referral, its acceptance (episode opened) and
 * the discharge go through the referrals service, the treatment appointments and their attendance through the
 * scheduling service; their relays publish on stepwell.referrals.events and stepwell.scheduling.events, and the
 * outcomes service consumes both (from the referrals events it also gains its care relationship with the patient,
 * so the therapist may record scores).
 *
 * Scheduling records attendance only once an appointment has started, so it runs on a test clock (TEST_CLOCK_FILE)
 * that the test moves past each appointment instead of waiting; the referrals and outcomes services run on real time.
 */
describeWithKafka('outcomes over a real Kafka broker, fed by the built referrals and scheduling services (all as child processes)', ({ brokers }) => {
  let database: TestDatabase;
  let pool: Pool;
  let issuer: TestIssuer;
  let clock: TestClockFile;
  let referrals: ServiceProcess | undefined;
  let scheduling: ServiceProcess | undefined;
  let outcomes: ServiceProcess | undefined;
  let bearer: string;
  let adminBearer: string;
  let referrerBearer: string;
  let reader: Consumer;
  let patients = 0;
  /** Everything published on stepwell.outcomes.events since the test started. */
  const published: Array<{ type: string; version: number; data: Record<string, unknown>; patientSubjectId: string | null }> = [];

  const serviceOutputs = () => ({
    referrals: running(referrals, 'referrals').output().slice(-1500),
    scheduling: running(scheduling, 'scheduling').output().slice(-1500),
    outcomes: running(outcomes, 'outcomes').output().slice(-1500),
  });

  // The service's JSON as it arrives: a boundary, read with the shapes the assertions expect.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function http(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${running(outcomes, 'outcomes').baseUrl}${path}`, {
      method,
      headers: { authorization: bearer, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  const episodeRow = async (episodeId: string): Promise<EpisodeRow | undefined> =>
    (
      await pool.query<EpisodeRow>(
        'SELECT referral_id, step, providing_organisation_id, status, discharge_reason FROM outcomes.episode WHERE episode_id = $1',
        [episodeId],
      )
    ).rows[0];

  /** Referred and accepted through the referrals service; resolves once outcomes has consumed episode-opened. */
  async function acceptedReferral(): Promise<AcceptedReferral> {
    const accepted = await referAndAccept(
      running(referrals, 'referrals'),
      { referrer: referrerBearer, clinician: bearer },
      patients++,
      { step: 'step-2', providingOrganisation: THERAPIST.org },
    );
    const row = await waitUntil('the outcomes service to learn of the episode from the referrals topic', () => episodeRow(accepted.episodeId), {
      timeoutMs: 60_000,
      intervalMs: 200,
      lastSeen: serviceOutputs,
    });
    // What only the referrals service's own event can carry: its referral id, the step and provider it accepted to.
    expect(row).toEqual({ referral_id: accepted.referralId, step: 'step-2', providing_organisation_id: THERAPIST.org, status: 'open', discharge_reason: null });
    return accepted;
  }

  const recordResponse = (patient: string, episodeId: string, code: 'PHQ-9' | 'GAD-7', answers: Answer[], appointmentId?: string) =>
    http('POST', `/patients/${patient}/responses`, {
      questionnaireCode: code,
      questionnaireVersion: '1',
      episodeId,
      ...(appointmentId === undefined ? {} : { appointmentId }),
      completedBy: 'patient',
      answers,
    });

  beforeAll(async () => {
    database = await createTestDatabase('e2e-outcomes');
    pool = new Pool({ connectionString: database.url, max: 2 });
    issuer = createTestIssuer();
    bearer = await issuer.bearer(THERAPIST);
    referrerBearer = await issuer.bearer(REFERRER);
    adminBearer = await issuer.bearer(SERVICE_ADMIN);
    clock = createTestClockFile();
    const env = { DATABASE_URL: database.url, ...issuer.env, ...kafkaAdminEnv(brokers) };
    // One after the other: each creates its own topic at start-up (outcomes consumes the first two), and their
    // migrations do not run at once.
    // Referrals dates the discharge by the same test clock as scheduling's attendance: one timeline for the run (on
    // real time, a run late in the day discharged "before" sessions the moved clock had put on the next day).
    referrals = await startService('referrals', { ...env, ...clock.env });
    scheduling = await startService('scheduling', { ...env, ...clock.env });
    outcomes = await startService('outcomes', env);
    const kafka = new Kafka({ clientId: 'e2e-outcomes-reader', brokers, logLevel: logLevel.NOTHING, ...(kafkaTestClientSasl() as { sasl?: SASLOptions }) });
    reader = kafka.consumer({ groupId: `e2e-outcomes-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: topicFor('outcomes'), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value?.toString() ?? 'null') as (typeof published)[number] | null;
        if (envelope) published.push(envelope);
      },
    });
  });

  afterAll(async () => {
    await Promise.all([outcomes?.stop(), scheduling?.stop(), referrals?.stop()]);
    await reader?.disconnect();
    await pool?.end();
    await database?.drop();
    clock?.remove();
  });

  it('shows a PHQ-9 with item 9 above 0 as an open risk alert within 5 seconds, and publishes risk-alert-raised', async () => {
    const { patientSubjectId: patient, episodeId } = await acceptedReferral();
    const started = Date.now();
    const recorded = await recordResponse(patient, episodeId, 'PHQ-9', answersTotalling('phq9', 9, 8, { 9: 2 }));
    expect(recorded.status).toBe(201);
    const alertId = recorded.body.riskAlert.id as string;
    const listed = await waitUntil('the alert in the open list', async () => {
      const list = await http('GET', '/risk-alerts?status=open&pageSize=200');
      return list.body.items?.find((item: { id: string }) => item.id === alertId);
    }, { timeoutMs: 5_000, intervalMs: 50 });
    expect(Date.now() - started).toBeLessThan(5_000);
    // For the organisation the referrals service accepted the person to (the provider of their current step).
    expect(listed).toMatchObject({ patientSubjectId: patient, urgency: 'urgent', status: 'open', organisationId: THERAPIST.org });
    const event = await waitUntil('risk-alert-raised on the outcomes topic', async () =>
      published.find((e) => e.type === 'outcomes.risk-alert-raised' && e.data['alertId'] === alertId), {
      timeoutMs: 15_000,
      lastSeen: () => ({ types: published.map((e) => e.type), ...serviceOutputs() }),
    });
    expect(event).toMatchObject({ patientSubjectId: patient, data: { episodeId, urgency: 'urgent', signal: 'thoughts-of-self-harm' } });
  });

  it('computes every flag and its explanation after three treatment appointments attended in scheduling, each with PHQ-9 and GAD-7, and a discharge in referrals', async () => {
    const { patientSubjectId: patient, episodeId } = await acceptedReferral();
    const appointmentIds: string[] = [];
    for (const [n, [phq, gad]] of ([[14, 12], [10, 9], [7, 5]] as const).entries()) {
      // A clinician (and diary) each, as a person may see different therapists over a course of treatment.
      const clinicianId = await registerClinician(running(scheduling, 'scheduling'), adminBearer, THERAPIST.org, n);
      const { appointmentId } = await attendTreatmentAppointment(running(scheduling, 'scheduling'), clock, bearer, {
        clinicianId,
        patientSubjectId: patient,
        episodeId,
      });
      appointmentIds.push(appointmentId);
      expect((await recordResponse(patient, episodeId, 'PHQ-9', answersTotalling('phq9', 9, phq, { 9: 0 }), appointmentId)).status).toBe(201);
      expect((await recordResponse(patient, episodeId, 'GAD-7', answersTotalling('gad7', 7, gad), appointmentId)).status).toBe(201);
    }
    // The discharge comes after the sessions: wait until the service holds all three and their six scores (a score
    // arriving after the discharge would re-publish the flags, the later superseding the earlier).
    const attended = await waitUntil('three attended treatment sessions and six scores applied', async () => {
      const { rows } = await pool.query<{ sessions: string[]; scores: number }>(
        `SELECT (SELECT coalesce(array_agg(appointment_id::text), '{}') FROM outcomes.episode_attendance
                  WHERE episode_id = $1 AND is_treatment) AS sessions,
                (SELECT count(*)::int FROM outcomes.measure_score WHERE episode_id = $1) AS scores`,
        [episodeId],
      );
      return rows[0]?.sessions.length === 3 && rows[0]?.scores === 6 ? rows[0].sessions : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200, lastSeen: serviceOutputs });
    // The very appointments scheduling booked and recorded as attended, each with its PHQ-9 and GAD-7.
    expect([...attended].sort()).toEqual([...appointmentIds].sort());
    const measured = await pool.query<{ appointment_id: string; codes: string[] }>(
      `SELECT appointment_id, array_agg(code ORDER BY code) AS codes FROM outcomes.measure_score WHERE episode_id = $1 GROUP BY appointment_id`,
      [episodeId],
    );
    expect(measured.rows.map((row) => [row.appointment_id, row.codes]).sort()).toEqual(appointmentIds.map((id) => [id, ['GAD-7', 'PHQ-9']]).sort());
    // Before the referral ends nothing is recorded: the course is not finished.
    const before = await http('GET', `/episodes/${episodeId}/outcomes`);
    expect(before.body).toMatchObject({ basis: 'provisional', outcome: { flags: { finishedCourse: { value: false } } } });

    await dischargeEpisode(running(referrals, 'referrals'), bearer, episodeId, 'completed');

    const outcome = await waitUntil('the outcome recorded at the discharge', async () => {
      const response = await http('GET', `/episodes/${episodeId}/outcomes`);
      return response.body.basis === 'recorded' ? response.body : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200, lastSeen: serviceOutputs });
    expect(await episodeRow(episodeId)).toMatchObject({ status: 'discharged', discharge_reason: 'completed' });
    expect(outcome).toMatchObject({ episodeId, ruleSetVersion: 'v1', patientSubjectId: patient });
    expect(outcome.outcome.anxietyMeasure).toEqual({ code: 'GAD-7', reason: 'GAD-7: no problem descriptor recorded' });
    const phq = 'PHQ-9 14 → 7 (-7, reliable decrease: 7 ≥ 6)';
    const gad = 'GAD-7 12 → 5 (-7, reliable decrease: 7 ≥ 4)';
    const recovered = 'recovered: first PHQ-9 14 ≥ 10 and first GAD-7 12 ≥ 8; last PHQ-9 7 < 10 and last GAD-7 5 < 8';
    const improved = `reliable improvement: ${phq}; ${gad}`;
    expect(outcome.outcome.flags).toEqual({
      finishedCourse: { value: true, explanation: 'finished a course of treatment: referral ended after 3 attended treatment appointments (≥ 2)' },
      casenessAtStart: { value: true, explanation: 'at caseness at start: first PHQ-9 14 ≥ 10; first GAD-7 12 ≥ 8' },
      recovery: { value: true, explanation: recovered },
      reliableImprovement: { value: true, explanation: improved },
      reliableDeterioration: { value: false, explanation: `no reliable deterioration: ${phq}; ${gad}` },
      reliableRecovery: { value: true, explanation: `reliable recovery: ${recovered}; ${improved}` },
      noReliableChange: { value: false, explanation: `a reliable change: ${improved}` },
      notOnTrack: { value: false, explanation: `on track: reliable improvement: ${phq}; ${gad}` },
    });

    const flags = await waitUntil('outcome-flags-computed on the outcomes topic', async () =>
      published.find((e) => e.type === 'outcomes.outcome-flags-computed' && e.version === 1 && e.data['episodeId'] === episodeId), { timeoutMs: 15_000 });
    expect(flags).toMatchObject({ patientSubjectId: patient });
    expect(flags.data).toMatchObject({ ruleSetVersion: 'v1', finishedCourse: true, recovery: true, reliableImprovement: true, reliableDeterioration: false });
    // Issue 12 item 12 (H-O7): v2 beside v1, naming the recorded version (1 at discharge) and no correction reason.
    const versioned = await waitUntil('outcome-flags-computed v2 on the outcomes topic', async () =>
      published.find((e) => e.type === 'outcomes.outcome-flags-computed' && e.version === 2 && e.data['episodeId'] === episodeId), { timeoutMs: 15_000 });
    expect(versioned.data).toMatchObject({ ...flags.data, recordedVersion: 1, correctionReason: null });
  });
});
