import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, pdfText, type TestDatabase } from '@stepwell/testing';
import { runAudit, verifyCountersignature } from '@stepwell/transparency';
import { answersTotalling } from './support/questionnaire-answers';
import { addTreatmentSession, londonWallClock, registerClinician } from './support/scheduling-api';
import { freePort, running, type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

const ORG = users.therapist.org;
const PRIVACY_OFFICER = users.therapyPrivacyOfficer;
const SERVICE_ADMIN: TestUser = { user: 'u-tt-admin-sar', org: ORG, orgType: 'talking-therapies', roles: ['admin'] };
/** A link worker of the same talking-therapies service: its organisation then holds the social prescription. */
const LINK_WORKER: TestUser = { user: 'u-tt-lw-sar', org: ORG, orgType: 'talking-therapies', roles: ['link-worker'] };
const CONSULTATION_ADMIN: TestUser = { user: 'u-pcp-admin-sar', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['admin'] };

// The services' JSON as it arrives: a boundary, read with the shapes the assertions expect.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * Issue 15 item 4, "done when": the subject access export for a person with data in all five services contains every
 * item and nothing of another person, checked by planted markers (free text where a service keeps it, record ids where
 * it keeps none) — the five built services on one database over the PostgreSQL transport, the export gathered by
 * referrals over HTTP with the privacy officer's own token. The directory is started late: the first gathering names it
 * unreachable and the release is refused, a retry completes it.
 */
describe('the subject access export and the auditor’s case history across the five services', () => {
  let database: TestDatabase;
  let issuer: TestIssuer;
  const services: Record<string, ServiceProcess> = {};
  let directoryPort: number;
  let env: Record<string, string>;

  const service = (name: string) => running(services[name], name);
  const tails = () => Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.output().slice(-600)]));

  async function call(name: string, who: TestUser, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: Json; raw: Buffer }> {
    const response = await fetch(`${service(name).baseUrl}${path}`, {
      method,
      headers: { authorization: await issuer.bearer(who), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const raw = Buffer.from(await response.arrayBuffer());
    const json = response.headers.get('content-type')?.includes('json') ? (JSON.parse(raw.toString('utf8')) as Json) : null;
    return { status: response.status, body: json, raw };
  }
  async function expectCall(name: string, who: TestUser, method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, expected: number): Promise<Json> {
    const answer = await call(name, who, method, path, body);
    if (answer.status !== expected) throw new Error(`${method} ${path}: expected ${expected}, got ${answer.status}: ${answer.raw.toString('utf8').slice(0, 500)}`);
    return answer.body;
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e-subject-access');
    issuer = createTestIssuer();
    env = { DATABASE_URL: database.url, ...issuer.env };
    const ports = { scheduling: await freePort(), outcomes: await freePort(), consultations: await freePort() };
    directoryPort = await freePort();
    const sources = [...Object.entries(ports), ['directory', directoryPort] as const].map(([name, port]) => `${name}=http://127.0.0.1:${port}`).join(',');
    const started = await Promise.all([
      startService('referrals', { ...env, SUBJECT_ACCESS_SOURCES: sources }, { readyTimeoutMs: 180_000 }),
      startService('scheduling', env, { port: ports.scheduling, readyTimeoutMs: 180_000 }),
      startService('outcomes', { ...env, RISK_ALERT_CHECK_EVERY_SECONDS: '0' }, { port: ports.outcomes, readyTimeoutMs: 180_000 }),
      startService('consultations', env, { port: ports.consultations, readyTimeoutMs: 180_000 }),
    ]);
    for (const process of started) services[process.name] = process;
  }, 400_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await database?.drop();
  });

  /** A person referred (marker in the reason), accepted by the talking-therapies service: episode opened. */
  async function referAndAccept(marker: string, n: number): Promise<{ patient: string; episodeId: string }> {
    const referral = await expectCall('referrals', users.gpClinician, 'POST', '/referrals', {
      source: 'gp',
      patient: { givenName: 'Sar', familyName: `Person${n}`, dateOfBirth: '1984-03-09', postcode: 'LS1 4AP', email: `sar${n}@example.org` },
      receivingOrganisation: ORG,
      urgency: 'routine',
      reason: `Low mood ${marker}`,
      presentingProblems: ['low-mood'],
      riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
      consentToShare: true,
    }, 201);
    const triaged = await expectCall('referrals', users.therapist, 'POST', `/referrals/${referral.id}/triage`, { outcome: 'accept', step: 'step-2', providingOrganisation: ORG }, 200);
    return { patient: referral.patientSubjectId as string, episodeId: triaged.triage.episodeId as string };
  }

  /** An appointment (scheduling) and a PHQ-9 (outcomes) in the episode, once both services know it from the bus. */
  async function bookAndScore(person: { patient: string; episodeId: string }, slotId: string, total: number): Promise<{ appointmentId: string; responseId: string }> {
    const appointment = await waitUntil('scheduling to know the episode', async () => {
      const answer = await call('scheduling', users.therapist, 'POST', '/appointments', {
        patientSubjectId: person.patient, episodeId: person.episodeId, slotId, purpose: 'treatment', mode: 'video',
      });
      return answer.status === 201 ? answer.body : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250, lastSeen: tails });
    const response = await waitUntil('outcomes to know the episode', async () => {
      const answer = await call('outcomes', users.therapist, 'POST', `/patients/${person.patient}/responses`, {
        questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId: person.episodeId, completedBy: 'patient', answers: answersTotalling('phq9', 9, total, { 9: 0 }),
      });
      return answer.status === 201 ? answer.body : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250, lastSeen: tails });
    return { appointmentId: appointment.id as string, responseId: response.id as string };
  }

  /** A consultation about the person, once the consultations service knows the therapist's care of them from the bus (H-CN1). */
  async function consult(patient: string, marker: string): Promise<string> {
    const created = await waitUntil('consultations to know the therapist cares for the person', async () => {
      const answer = await call('consultations', users.therapist, 'POST', '/consultations', {
        consultationService: 'PCP01',
        patient: { subjectId: patient, consent: 'recorded' },
        question: `How best to help? ${marker}`,
        context: { history: 'Two years of low mood', currentAndPastTreatment: 'Step 2', medication: 'None', risk: 'No current risk' },
        sharedMeasureIds: [],
        urgency: 'routine',
        preferredMode: 'written-advice',
      });
      // 404 PATIENT_NOT_FOUND (nothing written) until the referral's events reach consultations; anything else is final.
      if (answer.status !== 201 && answer.status !== 404) throw new Error(`POST /consultations answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.status === 201 ? answer.body : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250, lastSeen: tails });
    return created.id as string;
  }

  async function prescribe(patient: string, marker: string): Promise<string> {
    const created = await expectCall('directory', LINK_WORKER, 'POST', '/social-prescriptions', {
      patient_subject_id: patient,
      source: 'talking-therapies',
      source_organisation_id: ORG,
      source_reference: 'episode',
      person: { name: 'Sar Person', contact: { method: 'phone', value: '07700 900123' } },
      reason: `Debt worries ${marker}`,
      consent_to_share_with: [],
    }, 201);
    return created.id as string;
  }

  async function settled(patient: string, exportId: string): Promise<Json> {
    return waitUntil('the export to stop gathering', async () => {
      const view = await expectCall('referrals', PRIVACY_OFFICER, 'GET', `/patients/${patient}/subject-access-exports/${exportId}`, undefined, 200);
      return view.status === 'gathering' ? undefined : view;
    }, { timeoutMs: 120_000, intervalMs: 200, lastSeen: tails });
  }

  it('contains every item of the person from all five services and nothing of another; a service down is named and retried; redaction holds in JSON and PDF', async () => {
    const id = randomUUID().slice(0, 8);
    const mark = { referral: `sar-ref-${id}`, consultation: `sar-con-${id}`, prescription: `sar-dir-${id}`, redacted: `sar-red-${id}` };
    const other = { referral: `oth-ref-${id}`, consultation: `oth-con-${id}`, prescription: `oth-dir-${id}` };

    await expectCall('consultations', CONSULTATION_ADMIN, 'PUT', '/offerings/PCP01', {
      specialistPool: [{ specialism: 'psychotherapist', count: 1 }],
      modes: ['written-advice'],
      eligibilityNotes: 'Adults',
      openingHours: [{ day: 'monday', opens: '09:00', closes: '17:00' }],
    }, 200);
    const clinicianId = await registerClinician(service('scheduling'), await issuer.bearer(SERVICE_ADMIN), ORG, 1);
    // One diary session of two 15-minute slots, ahead of now (whole quarter hours, on one London day).
    let start = new Date(Math.ceil((Date.now() + 10 * 60_000) / 900_000) * 900_000);
    while (londonWallClock(start).date !== londonWallClock(new Date(start.getTime() + 1_800_000)).date) start = new Date(start.getTime() + 3_600_000);
    const slots = await addTreatmentSession(service('scheduling'), await issuer.bearer(SERVICE_ADMIN), clinicianId, londonWallClock(start), londonWallClock(new Date(start.getTime() + 1_800_000)), 15);

    const person = await referAndAccept(mark.referral, 1);
    const someoneElse = await referAndAccept(other.referral, 2);
    const mine = await bookAndScore(person, slots[0]?.id ?? '', 14);
    const theirs = await bookAndScore(someoneElse, slots[1]?.id ?? '', 9);
    await consult(person.patient, mark.consultation);
    await consult(someoneElse.patient, other.consultation);

    // A clinician may not ask for it (403); the privacy officer's export starts with five services to ask.
    await expectCall('referrals', users.therapist, 'POST', `/patients/${person.patient}/subject-access-exports`, {}, 403);
    const created = await expectCall('referrals', PRIVACY_OFFICER, 'POST', `/patients/${person.patient}/subject-access-exports`, {}, 202);
    const exportId = created.id as string;
    expect(created.progress).toEqual({ done: 0, total: 5 });

    // The directory is not running yet: named, and the release refused.
    const first = await settled(person.patient, exportId);
    expect(first.status).toBe('incomplete');
    expect(first.progress).toEqual({ done: 4, total: 5 });
    expect(first.sources).toEqual(expect.arrayContaining([{ service: 'directory', status: 'failed', failure: 'unreachable' }]));
    await expectCall('referrals', PRIVACY_OFFICER, 'POST', `/patients/${person.patient}/subject-access-exports/${exportId}/release`, {}, 409);

    services['directory'] = await startService('directory', { ...env, SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS: '0' }, { port: directoryPort, readyTimeoutMs: 180_000 });
    await prescribe(person.patient, mark.prescription);
    await prescribe(person.patient, mark.redacted);
    await prescribe(someoneElse.patient, other.prescription);

    await expectCall('referrals', PRIVACY_OFFICER, 'POST', `/patients/${person.patient}/subject-access-exports/${exportId}/retry`, {}, 202);
    const ready = await settled(person.patient, exportId);
    expect(ready).toMatchObject({ status: 'ready', progress: { done: 5, total: 5 } });

    // The entry holding third-party information, found in the directory's own answer, is marked before release.
    const directoryPart = await expectCall('directory', PRIVACY_OFFICER, 'GET', `/patients/${person.patient}/subject-access`, undefined, 200);
    const thirdParty = (directoryPart.entries as Array<{ entryId: string; data: unknown }>).find((entry) => JSON.stringify(entry.data).includes(mark.redacted));
    expect(thirdParty).toBeDefined();
    await expectCall('referrals', PRIVACY_OFFICER, 'POST', `/patients/${person.patient}/subject-access-exports/${exportId}/redactions`, { entryId: thirdParty?.entryId, reason: 'about a family member' }, 200);
    await expectCall('referrals', PRIVACY_OFFICER, 'GET', `/patients/${person.patient}/subject-access-exports/${exportId}/bundle.json`, undefined, 409);
    const released = await expectCall('referrals', PRIVACY_OFFICER, 'POST', `/patients/${person.patient}/subject-access-exports/${exportId}/release`, {}, 200);
    expect(released.status).toBe('released');

    const bundle = await expectCall('referrals', PRIVACY_OFFICER, 'GET', `/patients/${person.patient}/subject-access-exports/${exportId}/bundle.json`, undefined, 200);
    const text = JSON.stringify(bundle);
    expect((bundle.services as Array<{ service: string }>).map((s) => s.service).sort()).toEqual(['consultations', 'directory', 'outcomes', 'referrals', 'scheduling']);
    for (const part of bundle.services as Array<{ service: string; entries: unknown[]; accessLog: unknown[] }>) {
      expect({ service: part.service, entries: part.entries.length > 0, accessLog: part.accessLog.length > 0 }).toEqual({ service: part.service, entries: true, accessLog: true });
    }
    // Every planted item of the person, nothing of the other person's.
    for (const item of [mark.referral, mark.consultation, mark.prescription, mine.appointmentId, mine.responseId]) expect(text).toContain(item);
    for (const item of [other.referral, other.consultation, other.prescription, theirs.appointmentId, theirs.responseId, someoneElse.patient]) expect(text).not.toContain(item);
    expect(text).not.toContain(mark.redacted);
    expect(text).toContain('[redacted: about a family member]');
    expect(bundle.measures).toEqual([expect.objectContaining({ questionnaire: 'PHQ-9', total: 14 })]);

    const pdf = await call('referrals', PRIVACY_OFFICER, 'GET', `/patients/${person.patient}/subject-access-exports/${exportId}/bundle.pdf`);
    expect(pdf.status).toBe(200);
    const shown = pdfText(pdf.raw).replace(/\n/g, '');
    for (const item of [mark.referral, mark.consultation, mark.prescription, mine.responseId]) expect(shown).toContain(item);
    for (const item of [other.referral, other.consultation, other.prescription, mark.redacted]) expect(shown).not.toContain(item);
    expect(shown).toContain('Your questionnaire scores');

    // A stranger's privacy officer learns nothing from any service.
    const stranger: TestUser = { user: 'u-privacy-far', org: 'RFAR1', orgType: 'talking-therapies', roles: ['privacy-officer'] };
    for (const name of ['referrals', 'scheduling', 'outcomes', 'directory', 'consultations']) {
      expect({ name, status: (await call(name, stranger, 'GET', `/patients/${person.patient}/subject-access`)).status }).toEqual({ name, status: 404 });
    }

    // Issue 19 item 3 on the same world: the auditor's case history from all five services, every entry proven
    // against its service's signed head, the same JSON twice for one instant, nothing of the other person.
    const folder = mkdtempSync(path.join(tmpdir(), 'case-history-e2e-'));
    try {
      const asOf = new Date().toISOString();
      const all = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'].map((name) => `${name}=${service(name).baseUrl}`).join(',');
      const token = await issuer.bearer(users.nationalAuditor);
      const lines: string[] = [];
      const history = async (file: string) =>
        runAudit(['case-history', '--patient', person.patient, '--as-of', asOf, '--services', all, '--json', file], { out: (line) => lines.push(line), err: (line) => lines.push(line) }, { AUDIT_TOKEN: token });
      const [first, second] = [path.join(folder, 'first.json'), path.join(folder, 'second.json')];
      // Witnessing is asynchronous (a head signed on demand is published, then countersigned): wait until the four
      // other services countersigned every head the case history uses, so that two runs answer the same.
      await waitUntil('every head of the case history countersigned by the four other services', async () => {
        await history(first);
        const services = (JSON.parse(readFileSync(first, 'utf8')) as Json).services as Array<{ witnessedBy: string[]; witnessProblems: string[] }>;
        return services.every((s) => s.witnessedBy.length === 4 && s.witnessProblems.length === 0) ? true : undefined;
      }, { timeoutMs: 120_000, intervalMs: 500, lastSeen: tails });
      expect({ code: await history(first), lines }).toEqual({ code: 0, lines: expect.arrayContaining([expect.stringMatching(/^OK: \d+ entries from 5 services/)]) });
      const caseHistory = JSON.parse(readFileSync(first, 'utf8')) as Json;
      expect((caseHistory.services as Array<{ service: string; events: number; verified: boolean }>).map((s) => [s.service, s.events > 0, s.verified])).toEqual(
        ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'].map((name) => [name, true, true]),
      );
      const historyText = readFileSync(first, 'utf8');
      for (const item of [mine.appointmentId, mine.responseId]) expect(historyText).toContain(item);
      for (const item of [someoneElse.patient, theirs.appointmentId, theirs.responseId]) expect(historyText).not.toContain(item);
      expect(await history(second)).toBe(0);
      expect(readFileSync(second, 'utf8')).toBe(historyText);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }

    // Issue 19 item 2 on the same world: each service's heads leave as `<service>.tree-head-signed` (from its head
    // table, over the PostgreSQL transport) and every other service countersigns them; no alert anywhere.
    const five = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'];
    const signed: Record<string, Json> = {};
    for (const name of five) signed[name] = await expectCall(name, users.nationalAuditor, 'POST', '/audit/log/tree-heads', undefined, 201);
    for (const witness of five) {
      for (const log of five.filter((name) => name !== witness)) {
        const held = await waitUntil(
          `${witness} to witness the ${log} head of size ${signed[log].treeSize}`,
          async () => {
            const page = await expectCall(witness, users.nationalAuditor, 'GET', `/audit/log/witnessed?log=${log}&treeSize=${signed[log].treeSize}`, undefined, 200);
            return page.items.length > 0 ? page : undefined;
          },
          { timeoutMs: 120_000, intervalMs: 250, lastSeen: tails },
        );
        const [countersigned] = held.items;
        // The same tree (a head of that size signed by the minute timer first is the same root).
        expect({ witness, log, treeSize: countersigned.head.treeSize, rootHash: countersigned.head.rootHash }).toEqual({ witness, log, treeSize: signed[log].treeSize, rootHash: signed[log].rootHash });
        expect({ witness, log, verified: verifyCountersignature(countersigned.head, countersigned.countersignature, held.witnessKeys) }).toEqual({ witness, log, verified: true });
        expect({ witness, alerts: held.alerts }).toEqual({ witness, alerts: [] });
      }
    }
  });

  /**
   * Issue 19 "done when" line 3: one person's whole clinical journey across the five services — referred, triaged,
   * seen and measured, a consultation, stepped up on its advice, a risk alert raised and handled, a community service
   * prescribed, discharged — and the auditor's case history of it: every entry verified against its service's signed
   * head, the same command as of an earlier instant shows the earlier state, and two runs give the same JSON bytes.
   */
  it('the auditor’s case history of a whole clinical journey verifies entry by entry, shows the earlier state as of an earlier instant, and is byte-identical twice', async () => {
    const id = randomUUID().slice(0, 8);
    const marker = `journey-${id}`;
    const clinicianId = await registerClinician(service('scheduling'), await issuer.bearer(SERVICE_ADMIN), ORG, 2);
    // A diary session a few hours ahead (whole quarter hours, on one London day), not overlapping the first test's.
    let start = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 900_000) * 900_000);
    while (londonWallClock(start).date !== londonWallClock(new Date(start.getTime() + 1_800_000)).date) start = new Date(start.getTime() + 3_600_000);
    const slots = await addTreatmentSession(service('scheduling'), await issuer.bearer(SERVICE_ADMIN), clinicianId, londonWallClock(start), londonWallClock(new Date(start.getTime() + 1_800_000)), 15);

    // Referred and triaged (referrals), an appointment (scheduling) and a PHQ-9 (outcomes), a consultation (consultations).
    const person = await referAndAccept(marker, 3);
    const seen = await bookAndScore(person, slots[0]?.id ?? '', 16);
    const consultationId = await consult(person.patient, marker);

    // The earlier instant: everything above recorded, nothing below.
    const earlier = new Date().toISOString();
    await waitUntil('the clock to pass the earlier instant', async () => (Date.now() > Date.parse(earlier) + 1 ? true : undefined), { intervalMs: 2 });

    // Stepped up on the consultation's advice, once referrals knows the consultation from the bus (422 until then, nothing written).
    await waitUntil('referrals to accept the consultation as evidence for the step up', async () => {
      const answer = await call('referrals', users.therapist, 'POST', `/episodes/${person.episodeId}/step-changes`, {
        to: 'step-3', providingOrganisation: ORG, reason: 'not-improving', consultationId,
        scores: [{ measure: 'phq-9', score: 16, recordedAt: new Date().toISOString(), observationId: seen.responseId }],
      });
      if (answer.status !== 201 && answer.status !== 422) throw new Error(`step change answered ${answer.status}: ${answer.raw.toString('utf8').slice(0, 300)}`);
      return answer.status === 201 ? true : undefined;
    }, { timeoutMs: 120_000, intervalMs: 250, lastSeen: tails });
    // A PHQ-9 with item 9 above 0: a risk alert, acknowledged with the action taken.
    const risky = await expectCall('outcomes', users.therapist, 'POST', `/patients/${person.patient}/responses`, {
      questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId: person.episodeId, completedBy: 'patient', answers: answersTotalling('phq9', 9, 12, { 9: 2 }),
    }, 201);
    const alertId = risky.riskAlert.id as string;
    await expectCall('outcomes', users.therapist, 'POST', `/risk-alerts/${alertId}/acknowledge`, { actionTaken: 'safety-plan-reviewed' }, 200);
    // A community service prescribed (directory), then discharged (referrals).
    await prescribe(person.patient, marker);
    await expectCall('referrals', users.therapist, 'POST', `/episodes/${person.episodeId}/discharge`, { reason: 'completed' }, 200);
    const now = new Date().toISOString();
    await waitUntil('the clock to pass the later instant', async () => (Date.now() > Date.parse(now) + 1 ? true : undefined), { intervalMs: 2 });

    const folder = mkdtempSync(path.join(tmpdir(), 'case-history-journey-'));
    try {
      const all = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'].map((name) => `${name}=${service(name).baseUrl}`).join(',');
      const token = await issuer.bearer(users.nationalAuditor);
      const lines: string[] = [];
      const history = (asOf: string, file: string) =>
        runAudit(['case-history', '--patient', person.patient, '--as-of', asOf, '--services', all, '--json', file], { out: (line) => lines.push(line), err: (line) => lines.push(line) }, { AUDIT_TOKEN: token });
      const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;
      const types = (document: Json) => (document.entries as Array<{ service: string; type: string }>).map((entry) => `${entry.service}:${entry.type}`);

      const [nowFirst, nowSecond, thenFirst, thenSecond] = ['now-1.json', 'now-2.json', 'then-1.json', 'then-2.json'].map((name) => path.join(folder, name));
      // Witnessing is asynchronous: wait until the four other services countersigned every head used, at both instants.
      for (const [asOf, file] of [[now, nowFirst], [earlier, thenFirst]] as const) {
        await waitUntil(`every head of the case history as of ${asOf} countersigned by the four other services`, async () => {
          await history(asOf, file);
          const services = read(file).services as Array<{ witnessedBy: string[]; witnessProblems: string[] }>;
          return services.every((s) => s.witnessedBy.length === 4 && s.witnessProblems.length === 0) ? true : undefined;
        }, { timeoutMs: 120_000, intervalMs: 500, lastSeen: tails });
      }
      expect({ code: await history(now, nowFirst), lines }).toEqual({ code: 0, lines: expect.arrayContaining([expect.stringMatching(/^OK: \d+ entries from 5 services/)]) });
      const current = read(nowFirst);
      expect(current.verified).toBe(true);
      expect((current.entries as Array<{ verified: boolean }>).every((entry) => entry.verified)).toBe(true);
      expect((current.services as Array<{ service: string; events: number; verified: boolean }>).map((s) => [s.service, s.events > 0, s.verified])).toEqual(
        ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'].map((name) => [name, true, true]),
      );
      // The whole journey is there: step up and discharge (referrals), the risk alert and its handling (outcomes).
      expect(types(current)).toEqual(expect.arrayContaining(['referrals:EpisodeStepChanged', 'referrals:EpisodeDischarged', 'outcomes:RiskAlertRaised', 'outcomes:RiskAlertAcknowledged']));
      const entriesInOrder = (current.entries as Array<{ occurredAt: string }>).map((entry) => entry.occurredAt);
      expect(entriesInOrder).toEqual([...entriesInOrder].sort());

      // As of the earlier instant: verified, and only what was recorded by then.
      expect(await history(earlier, thenFirst)).toBe(0);
      const before = read(thenFirst);
      expect(before.verified).toBe(true);
      expect(before.entries.length).toBeLessThan(current.entries.length);
      for (const later of ['referrals:EpisodeStepChanged', 'referrals:EpisodeDischarged', 'outcomes:RiskAlertRaised', 'outcomes:RiskAlertAcknowledged']) expect(types(before)).not.toContain(later);
      expect(types(before).some((type) => type.startsWith('consultations:')) && types(before).some((type) => type.startsWith('scheduling:'))).toBe(true);
      expect(readFileSync(thenFirst, 'utf8')).toContain(seen.responseId);

      // Two runs for each instant: the same bytes.
      expect(await history(now, nowSecond)).toBe(0);
      expect(readFileSync(nowSecond, 'utf8')).toBe(readFileSync(nowFirst, 'utf8'));
      expect(await history(earlier, thenSecond)).toBe(0);
      expect(readFileSync(thenSecond, 'utf8')).toBe(readFileSync(thenFirst, 'utf8'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
