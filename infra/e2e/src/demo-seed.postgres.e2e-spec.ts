import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AUDIENCE, EMBEDDED_ISSUER, loadOrCreateSigningKey, type RunningJwksServer, serveJwks, signToken } from '@stepwell/access';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import { type ServiceProcess, startService } from './support/service-process';

const ROOT = join(__dirname, '../../..');
const SEED = join(ROOT, 'infra/demo/seed.mjs');

/** A demo user as the seed's report lists it (DEMO_USERS in infra/demo/seed.mjs). */
interface DemoUser {
  user: string;
  org: string;
  orgType: string;
  roles: string[];
  name: string;
}
interface DemoPatient {
  referralId: string;
  patientSubjectId?: string;
  episodeId?: string;
  appointmentId?: string;
  /** The history's patients: their attended appointments, week by week. */
  appointmentIds?: string[];
  responses?: string[];
  path: string;
}
interface DemoReport {
  organisations: Array<{ code: string; organisationType: string }>;
  users: Record<string, DemoUser>;
  clinicians: Record<string, string>;
  groupSessionId: string;
  patients: Record<string, DemoPatient>;
  directory: { vs1: string; vs2: string };
  socialPrescriptionId: string;
  consultations: { answered: string; open: string };
  locations: Array<{ service: 'referrals' | 'scheduling' | 'outcomes' | 'consultations' | 'directory'; user: string; location: string; createdBy: string }>;
  counts: Record<string, number>;
}
type Json = Record<string, unknown> & { items?: Array<Record<string, unknown>> };

const DAY_MS = 86_400_000;
const londonDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

/**
 * Issue 13 item 7: the demo seed (`npm run demo`) against the built services on a fresh database, with tokens of the
 * embedded issuer as `npm start` serves them. The services run on the demo's movable clock (TEST_CLOCK_FILE), which
 * the launcher's own `prepareDemoClock` starts weeks in the past and the seed walks forward to the present. Its data
 * must pass each service's own rules (read back through the APIs), a second run must write nothing new, and every
 * `Location` any creation answered must answer GET with 200 for the token that created it.
 */
describe('the demo seed (npm run demo) against the started services', () => {
  let database: TestDatabase;
  let pool: Pool;
  let dataDir: string;
  let jwks: RunningJwksServer;
  const services: Record<string, ServiceProcess> = {};
  let report: DemoReport;
  const tokens: Record<string, string> = {};
  let clockFile: string;
  let startedAt: number;

  /** `node infra/demo/seed.mjs --report <file>`, as `npm run demo` runs it, against the services' ports. */
  async function runSeed(run: number): Promise<{ report: DemoReport; output: string }> {
    const file = join(dataDir, `report-${run}.json`);
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', STEPWELL_DATA_DIR: dataDir, TEST_CLOCK_FILE: clockFile };
    for (const [name, service] of Object.entries(services)) env[`${name.toUpperCase()}_PORT`] = new URL(service.baseUrl).port;
    const child = spawn(process.execPath, [SEED, '--report', file], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the demo seed failed (exit ${code}):\n${output}`);
    return { report: JSON.parse(readFileSync(file, 'utf8')) as DemoReport, output };
  }

  async function get(service: string, user: string, path: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${services[service]?.baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    const text = await response.text();
    return { status: response.status, body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : {}) as Json };
  }

  /** Events each service wrote, by category, leaving out the access trail (every read, the seed's too, is audited). */
  async function writtenEvents(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const name of Object.keys(services)) {
      const { rows } = await pool.query<{ category: string; n: string }>(
        `SELECT category, count(*) AS n FROM "${name}_events"."events" WHERE category <> 'access' GROUP BY category`,
      );
      for (const row of rows) counts[`${name}/${row.category}`] = Number(row.n);
    }
    return counts;
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e-demo');
    pool = new Pool({ connectionString: database.url, max: 2 });
    dataDir = mkdtempSync(join(tmpdir(), 'stepwell-demo-'));
    jwks = await serveJwks(0, { dataDir });
    // As `npm start -- --demo` does: the clock file the services start on, weeks in the past (the seed's own helper).
    clockFile = join(dataDir, 'demo-clock');
    execFileSync(process.execPath, ['--input-type=module', '-e', `import { prepareDemoClock } from ${JSON.stringify(SEED)}; prepareDemoClock(process.env.CLOCK_FILE);`], {
      env: { PATH: process.env['PATH'] ?? '', CLOCK_FILE: clockFile },
    });
    startedAt = Date.now();
    const env = {
      TEST_CLOCK_FILE: clockFile,
      DATABASE_URL: database.url,
      AUTH_JWKS_URL: jwks.jwksUrl,
      AUTH_ISSUER: EMBEDDED_ISSUER,
      AUTH_AUDIENCE: DEFAULT_AUDIENCE,
      REFERRALS_TEST_ORGANISATIONS: 'DEMGP1,DEMGP2,DEMTT1,DEMPC1,DEMSC1,DEMCR1',
      RISK_ALERT_CHECK_EVERY_SECONDS: '0',
    };
    // At once (each migrates its own schemas, under its own lock), as the fuzzer starts them.
    const names = ['referrals', 'scheduling', 'outcomes', 'consultations', 'directory'];
    const started = await Promise.all(names.map((name) => startService(name, env, { readyTimeoutMs: 180_000 })));
    names.forEach((name, i) => (services[name] = started[i] as ServiceProcess));

    const first = await runSeed(1);
    report = first.report;
    expect(first.output).toContain('Log in as');
    const key = await loadOrCreateSigningKey(dataDir);
    for (const [name, who] of Object.entries(report.users)) {
      tokens[name] = await signToken(
        { user: who.user, name: who.name, org: who.org, orgType: who.orgType as never, roles: who.roles as never, ttl: '1h' },
        { key, issuer: EMBEDDED_ISSUER, audience: DEFAULT_AUDIENCE },
      );
    }
    // Twenty weeks of history walked step by step (each write waits for its read models), on a shared machine.
  }, 900_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((service) => service.stop()));
    await jwks?.close();
    await pool?.end();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('registers an organisation of every type', async () => {
    const { status, body } = await get('referrals', 'gpReferrer', '/organisations');
    expect(status).toBe(200);
    const registered = (body as unknown as Array<{ code: string; organisationType: string }>).filter((o) => o.code.startsWith('DEM'));
    expect(registered.map((o) => o.organisationType).sort()).toEqual(
      // Two voluntary-sector ones: the link worker's (DEMVS1) and a community organisation it refers to (DEMVS2).
      ['audit', 'commissioner', 'crisis-team', 'gp-practice', 'gp-practice', 'psychotherapy-consultation', 'secondary-care', 'talking-therapies', 'voluntary-sector', 'voluntary-sector'],
    );
  });

  it('follows every Location a creation answered with and gets 200 for the token that created it', async () => {
    const kinds = new Set(report.locations.map((l) => l.createdBy.replace(/[0-9a-f-]{36}/g, '{id}')));
    // Every kind of creation the demo makes: referral, self-referral, clinician, diary session, appointment, group
    // session, questionnaire response, the waiting-clock pause (an episode action), the directory's listings, a
    // social prescription and consultation requests.
    expect([...kinds].sort()).toEqual([
      'POST /appointments',
      'POST /clinicians',
      'POST /clinicians/{id}/sessions',
      'POST /consultations',
      'POST /episodes/{id}/pauses',
      'POST /group-sessions',
      'POST /locations',
      'POST /organizations',
      'POST /patients/{id}/responses',
      'POST /referrals',
      'POST /self-referrals',
      'POST /services',
      'POST /social-prescriptions',
    ]);
    const answers = [];
    for (const { service, user, location, createdBy } of report.locations) {
      answers.push({ createdBy, location, status: (await get(service, user, location)).status });
    }
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  });

  it('puts the patients at every step, with the clinicians, diaries, appointments and measures the services accept', async () => {
    const p = report.patients;
    const statusOf = async (key: string, user = 'gpReferrer') => (await get('referrals', user, `/referrals/${p[key]?.referralId}`)).body['status'];
    expect(await statusOf('awaiting-triage')).toBe('Received');
    expect(await statusOf('withdrawn')).toBe('Withdrawn');
    expect(await statusOf('self-referral', 'ttClinician')).toBe('Received');

    // The triage queues: Talking Therapies holds the GP's and the self-referral; the crisis team the urgent one, flagged.
    const ttQueue = await get('referrals', 'ttClinician', '/referrals?status=awaiting-triage&organisation=DEMTT1');
    expect(ttQueue.body.items?.map((i) => i['id']).sort()).toEqual([p['awaiting-triage']?.referralId, p['self-referral']?.referralId].sort());
    const crisisQueue = await get('referrals', 'crClinician', '/referrals?status=awaiting-triage&organisation=DEMCR1');
    expect(crisisQueue.body.items?.map((i) => [i['id'], i['urgentTriage']])).toEqual([[p['urgent-triage']?.referralId, true]]);

    // Episodes per providing organisation, step and status, as each provider reads them.
    const episode = async (key: string, user: string) => {
      const { status, body } = await get('referrals', user, `/episodes/${p[key]?.episodeId}`);
      return { status, step: body['step'], state: body['status'], provider: body['providingOrganisationId'] };
    };
    expect(await episode('step-2', 'ttClinician')).toEqual({ status: 200, step: 'step-2', state: 'Waiting', provider: 'DEMTT1' });
    expect(await episode('step-3-risk', 'ttClinician')).toEqual({ status: 200, step: 'step-3', state: 'Waiting', provider: 'DEMTT1' });
    expect(await episode('paused', 'ttClinician')).toEqual({ status: 200, step: 'step-2', state: 'Paused', provider: 'DEMTT1' });
    expect(await episode('discharged', 'ttClinician')).toEqual({ status: 200, step: 'step-2', state: 'Discharged', provider: 'DEMTT1' });
    expect(await episode('stepped-up', 'scClinician')).toEqual({ status: 200, step: 'secondary-care', state: 'Waiting', provider: 'DEMSC1' });
    expect(await episode('complex-needs', 'pcClinician')).toEqual({ status: 200, step: 'complex-needs', state: 'Waiting', provider: 'DEMPC1' });
    expect(await episode('crisis', 'crClinician')).toEqual({ status: 200, step: 'crisis', state: 'Waiting', provider: 'DEMCR1' });
    expect(report.counts).toEqual({
      none: 3, 'step-2': 1, 'step-3-risk': 1, paused: 1, 'stepped-up': 1, 'complex-needs': 1, crisis: 1, discharged: 1, signposted: 1, declined: 1, withdrawn: 1,
      'waiting-18-weeks': 1, 'waiting-6-weeks': 1, recovered: 1, 'not-improved': 1, 'in-treatment': 1,
    });

    // Two clinicians with diaries; the step-2 and step-3 patients booked into them.
    const clinicians = await get('scheduling', 'ttAdmin', '/clinicians?organisation=DEMTT1');
    expect(clinicians.body['total']).toBe(2);
    for (const key of ['step-2', 'step-3-risk']) {
      const appointments = await get('scheduling', 'ttAdmin', `/patients/${p[key]?.patientSubjectId}/appointments`);
      expect(appointments.body.items?.map((a) => [a['id'], a['status'], a['organisation']])).toEqual([[p[key]?.appointmentId, 'booked', 'DEMTT1']]);
    }

    // Measures over three weeks (backdated completion dates), PHQ-9 and GAD-7 each.
    const phq9 = await get('outcomes', 'ttClinician', `/patients/${p['step-2']?.patientSubjectId}/measures?code=PHQ-9`);
    expect(phq9.body.items?.map((m) => [m['total'], m['atCaseness']])).toEqual([[16, true], [12, true], [8, false]]);
    expect(p['step-2']?.responses).toHaveLength(6);
    expect(p['discharged']?.responses).toHaveLength(6);
  });

  it('walks weeks of history on the demo clock: appointments attended week by week, each with PHQ-9 and GAD-7, and the courses’ outcomes', async () => {
    const p = report.patients;
    const today = Date.now();
    // Attended appointments, read back from scheduling, on the days the history planned (days before today).
    const attended = async (key: string) => {
      const { body } = await get('scheduling', 'ttAdmin', `/patients/${p[key]?.patientSubjectId}/appointments?pageSize=50`);
      const items = [...(body.items ?? [])].sort((a, b) => String(a['startsAt']).localeCompare(String(b['startsAt'])));
      return { ids: items.map((a) => a['id']).sort(), statuses: [...new Set(items.map((a) => a['status']))], days: items.map((a) => londonDate(Date.parse(String(a['startsAt'])))) };
    };
    const daysAgo = (...days: number[]) => days.map((d) => londonDate(today - d * DAY_MS));
    expect(await attended('recovered')).toEqual({ ids: [...(p['recovered']?.appointmentIds ?? [])].sort(), statuses: ['attended'], days: daysAgo(84, 77, 70, 63, 56, 49) });
    expect(await attended('not-improved')).toEqual({ ids: [...(p['not-improved']?.appointmentIds ?? [])].sort(), statuses: ['attended'], days: daysAgo(77, 70, 63, 56, 49, 42) });
    expect(await attended('in-treatment')).toEqual({ ids: [...(p['in-treatment']?.appointmentIds ?? [])].sort(), statuses: ['attended'], days: daysAgo(35, 28, 21, 14, 7) });

    // The measures, as outcomes serves them: falling to below caseness for one, flat for another, falling at step 3.
    const totals = async (key: string, code: string) => {
      const { body } = await get('outcomes', 'ttClinician', `/patients/${p[key]?.patientSubjectId}/measures?code=${code}`);
      return body.items?.map((m) => m['total']);
    };
    expect(await totals('recovered', 'PHQ-9')).toEqual([18, 16, 13, 10, 7, 5]);
    expect(await totals('recovered', 'GAD-7')).toEqual([15, 13, 11, 9, 6, 4]);
    expect(await totals('not-improved', 'PHQ-9')).toEqual([17, 18, 16, 17, 16, 16]);
    expect(await totals('in-treatment', 'PHQ-9')).toEqual([20, 17, 14, 12, 9]);
    expect(p['recovered']?.responses).toHaveLength(12);

    // The two finished courses, judged by outcomes' own rules at discharge: one recovery, one without change.
    const flags = async (key: string) => {
      const { status, body } = await get('outcomes', 'ttClinician', `/episodes/${p[key]?.episodeId}/outcomes`);
      const outcome = body['outcome'] as { flags: Record<string, { value: boolean }> };
      return { status, basis: body['basis'], finishedCourse: outcome.flags['finishedCourse']?.value, recovery: outcome.flags['recovery']?.value, noReliableChange: outcome.flags['noReliableChange']?.value };
    };
    expect(await flags('recovered')).toEqual({ status: 200, basis: 'recorded', finishedCourse: true, recovery: true, noReliableChange: false });
    expect(await flags('not-improved')).toEqual({ status: 200, basis: 'recorded', finishedCourse: true, recovery: false, noReliableChange: true });

    // Referrals' episodes: discharged, and in treatment at step 3.
    const state = async (key: string) => (await get('referrals', 'ttClinician', `/episodes/${p[key]?.episodeId}`)).body['status'];
    expect([await state('recovered'), await state('not-improved'), await state('in-treatment')]).toEqual(['Discharged', 'Discharged', 'InTreatment']);
  });

  it('shows a referral past the 18-week and one past the 6-week standard on the waiting views, and the finished courses’ waits in the national measure', async () => {
    const p = report.patients;
    // Referrals' waiting list (GET /episodes: the national, unadjusted clock — NATIONAL_WAITING_TIME_DEFINITION).
    const waiting = await get('referrals', 'ttClinician', '/episodes?organisation=DEMTT1&pageSize=200');
    expect(waiting.status).toBe(200);
    const clockOf = (key: string) => {
      const item = waiting.body.items?.find((i) => i['id'] === p[key]?.episodeId);
      const clock = item?.['waitingClock'] as { daysWaited: number; running: boolean; sixWeeks: { breached: boolean }; eighteenWeeks: { breached: boolean } } | undefined;
      return clock && { daysWaited: clock.daysWaited, running: clock.running, past6Weeks: clock.sixWeeks.breached, past18Weeks: clock.eighteenWeeks.breached };
    };
    expect(clockOf('waiting-18-weeks')).toEqual({ daysWaited: 140, running: true, past6Weeks: true, past18Weeks: true });
    expect(clockOf('waiting-6-weeks')).toEqual({ daysWaited: 56, running: true, past6Weeks: true, past18Weeks: false });
    // Referred today, not in breach: the present-day patients on the same list.
    expect(clockOf('step-2')).toEqual({ daysWaited: 0, running: true, past6Weeks: false, past18Weeks: false });

    // Scheduling's waiting list (the administrator's booking view) shows the same waits.
    const list = await get('scheduling', 'ttAdmin', '/waiting-list?organisation=DEMTT1&pageSize=100');
    const daysWaited = (key: string) => list.body.items?.find((i) => i['id'] === p[key]?.episodeId)?.['daysWaited'];
    expect([daysWaited('waiting-18-weeks'), daysWaited('waiting-6-weeks')]).toEqual([140, 56]);

    // The national measure over finished courses: Parker started in 4 weeks, Quinn in 8 (past 6, within 18).
    const started = async (key: string) => (await get('referrals', 'ttClinician', `/episodes/${p[key]?.episodeId}`)).body['waitingClock'];
    expect(await started('recovered')).toMatchObject({ daysWaited: 28, stoppedBy: 'first-attended-treatment-appointment', sixWeeks: { breached: false } });
    expect(await started('not-improved')).toMatchObject({ daysWaited: 56, stoppedBy: 'first-attended-treatment-appointment', sixWeeks: { breached: true }, eighteenWeeks: { breached: false } });
    const from = new Date(Date.now() - 365 * DAY_MS).toISOString().slice(0, 10);
    const to = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
    const waits = await get('scheduling', 'serviceLead', `/metrics/waits?organisation=DEMTT1&from=${from}&to=${to}`);
    // Two finished courses are fewer than 5: the national measure answers them suppressed (H-RV2), and says why.
    expect(waits.body['national']).toMatchObject({ finishedCourses: null, shareWithin6Weeks: null, shareWithin18Weeks: null });
    expect(waits.body['suppression']).toMatchObject({ threshold: 5 });
  });

  it('stamps the history with the demo clock, records it at the real time it was written, and leaves the clock at the present', async () => {
    // Every event says when it happened in the demo's story (metadata.occurredAt) and the store keeps when it was
    // really written (log.recorded_at, the database's clock): the gap marks the history as the demo's.
    const { rows } = await pool.query<{ first_occurred: Date; first_recorded: Date }>(
      `SELECT min((e.metadata->>'occurredAt')::timestamptz) AS first_occurred, min(l.recorded_at) AS first_recorded
         FROM "referrals_events"."events" e JOIN "referrals_events"."log" l ON l.seq = e.seq WHERE e.category <> 'access'`,
    );
    const [row] = rows;
    expect(londonDate(row?.first_occurred.getTime() ?? 0)).toBe(londonDate(startedAt - 141 * DAY_MS));
    expect(row?.first_recorded.getTime()).toBeGreaterThanOrEqual(startedAt - 60_000);
    expect(readFileSync(clockFile, 'utf8').trim()).toBe('0');
  });

  it('raises one risk alert, in the providing organisation’s duty queue and no one else’s', async () => {
    const patient = report.patients['step-3-risk'];
    const own = await get('outcomes', 'ttClinician', '/risk-alerts?organisation=DEMTT1');
    expect(own.body.items?.map((a) => [a['patientSubjectId'], a['organisationId'], a['status']])).toEqual([[patient?.patientSubjectId, 'DEMTT1', 'open']]);
    // The referring GP and the other providers have their own queues, without it; nor may they read DEMTT1's.
    for (const [user, org] of [['gpReferrer', 'DEMGP1'], ['scClinician', 'DEMSC1'], ['crClinician', 'DEMCR1']] as const) {
      const theirs = await get('outcomes', user, `/risk-alerts?organisation=${org}`);
      expect({ user, status: theirs.status, items: theirs.body.items }).toEqual({ user, status: 200, items: [] });
      expect({ user, status: (await get('outcomes', user, '/risk-alerts?organisation=DEMTT1')).status }).toEqual({ user, status: 403 });
    }
  });

  it('lists the two charities’ services in the public directory, and follows one person’s social prescription to the debt advice service, which accepted it', async () => {
    const { directory, socialPrescriptionId } = report;
    const listed = await fetch(`${services['directory']?.baseUrl}/services?search=synthetic`).then((r) => r.json() as Promise<{ contents: Array<{ id: string; name: string }> }>);
    expect(listed.contents.map((s) => s.id).sort()).toEqual([directory.vs1, directory.vs2].sort());
    const debt = await fetch(`${services['directory']?.baseUrl}/services/${directory.vs2}`).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(debt).toMatchObject({ name: 'Demo debt advice (synthetic)', stepwell_capacity: { places_free: 4, wait_days: 6 } });

    // The link worker holds it in full; the advice centre sees the minimum necessary (the shared goal, not the private one).
    const held = await get('directory', 'linkWorker', `/social-prescriptions/${socialPrescriptionId}`);
    expect(held).toMatchObject({ status: 200, body: { status: 'Accepted', referral: { service_id: directory.vs2, organisation_id: 'DEMVS2' } } });
    const inbox = await get('directory', 'communityWorker', '/social-prescriptions/inbox');
    expect(inbox.body.items?.map((i) => [i['id'], i['status']])).toEqual([[socialPrescriptionId, 'Accepted']]);
    expect(JSON.stringify(inbox.body)).not.toContain('demo-goal-friends');
    expect(JSON.stringify(inbox.body)).not.toContain('losing work');
    // Another organisation with no part in it: 404, as for an unknown id.
    expect((await get('directory', 'gp2Referrer', `/social-prescriptions/${socialPrescriptionId}`)).status).toBe(404);
  });

  it('puts a consultation answered (manage in primary care) and one awaiting an answer in the consultation service’s worklist', async () => {
    const { answered, open } = report.consultations;
    const worklist = await get('consultations', 'pcClinician', '/consultations?organisation=DEMPC1');
    expect(worklist.body.items?.map((i) => [i['id'], i['status'], i['outcome'], i['requestingOrganisation']]).sort()).toEqual(
      [
        [answered, 'answered', 'manage-in-primary-care', 'DEMGP1'],
        [open, 'requested', null, 'DEMTT1'],
      ].sort(),
    );
    // The asking GP reads the advice; a practice with no relationship gets 404, as for an unknown id.
    const asked = await get('consultations', 'gpReferrer', `/consultations/${answered}`);
    expect(asked).toMatchObject({ status: 200, body: { status: 'answered', answer: { outcome: 'manage-in-primary-care' } } });
    expect((await get('consultations', 'gp2Referrer', `/consultations/${answered}`)).status).toBe(404);
  });

  it('shows an organisation with no relationship nothing (404, as for an unknown id)', async () => {
    for (const key of ['awaiting-triage', 'step-2', 'discharged']) {
      expect((await get('referrals', 'gp2Referrer', `/referrals/${report.patients[key]?.referralId}`)).status).toBe(404);
    }
    // Nor through the new reads at a creation's Location: an appointment and a scored response answer 404 with the
    // service's own not-found code, exactly as for an id that does not exist (the policy table decides before
    // anything is read; a stranger learns nothing from the difference).
    const patient = report.patients['step-3-risk'];
    const answers = [
      await get('scheduling', 'gp2Referrer', `/appointments/${patient?.appointmentId}`),
      await get('scheduling', 'gp2Referrer', '/appointments/00000000-0000-4000-8000-000000000000'),
      await get('outcomes', 'gp2Referrer', `/patients/${patient?.patientSubjectId}/responses/${patient?.responses?.[0]}`),
      await get('outcomes', 'gp2Referrer', `/patients/${patient?.patientSubjectId}/responses/00000000-0000-4000-8000-000000000000`),
    ];
    expect(answers.map((answer) => [answer.status, answer.body['code']])).toEqual([
      [404, 'APPOINTMENT_NOT_FOUND'],
      [404, 'APPOINTMENT_NOT_FOUND'],
      [404, 'RESPONSE_NOT_FOUND'],
      [404, 'RESPONSE_NOT_FOUND'],
    ]);
  });

  it('gives the service lead and the commissioning lead the dashboards’ aggregates (ops: the role the metrics endpoints grant) and no patient’s record', async () => {
    // The dashboards' period as the web app asks it by default (apps/web/src/lib/dashboards.ts): the last 12 months.
    const today = new Date().toISOString().slice(0, 10);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(report.users['serviceLead']).toMatchObject({ org: 'DEMTT1', orgType: 'talking-therapies', roles: ['ops'] });
    expect(report.users['commissioningLead']).toMatchObject({ org: 'DEMCM1', orgType: 'commissioner', roles: ['ops'] });

    const waits = await get('scheduling', 'serviceLead', `/metrics/waits?organisation=DEMTT1&from=${yearAgo}&to=${tomorrow}`);
    expect(waits.status).toBe(200);
    expect(waits.body['national']).toMatchObject({ expectedShareWithin6Weeks: 0.75, expectedShareWithin18Weeks: 0.95 });
    // A count of 1–4 finished courses is suppressed (null, H-RV2); zero or 5 and more is shown.
    const finished = (waits.body['national'] as { finishedCourses: number | null }).finishedCourses;
    expect(finished === null || finished === 0 || finished >= 5).toBe(true);
    const outcomes = await get('outcomes', 'serviceLead', `/metrics/outcomes?from=${yearAgo}&to=${today}&groupBy=practice`);
    expect(outcomes.status).toBe(200);
    expect(outcomes.body).toMatchObject({ organisationId: 'DEMTT1', metrics: { recovery: { standard: { atLeast: 0.5 } } }, note: expect.stringContaining('practice') });
    // The commissioner's gap watch for the demo area: a few refusals only (declined, signposted), so every count is
    // suppressed (null), never 0.
    const gaps = await get('referrals', 'commissioningLead', `/metrics/gaps?area=DEMCM1&from=${yearAgo}&to=${tomorrow}&groupBy=practice`);
    expect(gaps.status).toBe(200);
    expect(gaps.body).toMatchObject({ area: 'DEMCM1', suppression: { threshold: 5 }, total: { peopleRefused: null } });

    // What ops is not: a commissioner's view at a provider, consultations' figures (admin, clinician), or any record.
    expect((await get('referrals', 'serviceLead', `/metrics/gaps?from=${yearAgo}&to=${tomorrow}`)).status).toBe(403);
    expect((await get('consultations', 'serviceLead', `/metrics/consultations?organisation=DEMTT1&from=${yearAgo}&to=${today}`)).status).toBe(403);
    expect((await get('referrals', 'serviceLead', '/referrals?status=awaiting-triage&organisation=DEMTT1')).status).toBe(403);
    expect([403, 404]).toContain((await get('referrals', 'serviceLead', `/referrals/${report.patients['step-2']?.referralId}`)).status);
  });

  it('writes nothing new when run a second time', async () => {
    const before = await writtenEvents();
    const second = await runSeed(2);
    expect(second.output).toContain('replaying it at the present');
    expect(second.report.patients).toEqual(
      Object.fromEntries(Object.entries(report.patients).map(([key, patient]) => [key, key === 'self-referral' ? { ...patient, patientSubjectId: expect.any(String) } : patient])),
    );
    expect(second.report.clinicians).toEqual(report.clinicians);
    expect(second.report.groupSessionId).toBe(report.groupSessionId);
    expect(second.report.directory).toEqual(report.directory);
    expect(second.report.socialPrescriptionId).toBe(report.socialPrescriptionId);
    expect(second.report.consultations).toEqual(report.consultations);
    expect(await writtenEvents()).toEqual(before);
  });
});
