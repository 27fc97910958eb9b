// The demo world: a realistic, clearly synthetic set of organisations, staff, diaries and patients at every step,
// written only through the public HTTP APIs with real signed tokens, exactly as a client would.
//
//   npm start -- --demo      starts the platform, then seeds it
//   npm run demo             seeds a platform that is already running (npm start in another terminal)
//
// Every name says "Demo" or "Synthetic"; every NHS number is from the 999 range that is never issued to a person,
// accepted only for the test organisations (REFERRALS_TEST_ORGANISATIONS, which `npm start` sets to the demo
// organisations unless told otherwise). Run twice, it writes nothing new: creations carry fixed Idempotency-Keys
// (replayed by the services), triage repeats the same decision (200, nothing written), and episode actions are
// taken only when the episode does not show them yet.
//
// History without backdating: the services stamp every record with their own clock and take no earlier date (a
// referral's received date, a diary session, a booking, an attendance). So the demo does not backdate; it moves the
// clock. `npm start -- --demo` starts every service on the movable clock (TEST_CLOCK_FILE=<data>/demo-clock, refused
// when NODE_ENV is production) a little over DEMO_HISTORY_DAYS in the past, and the seed walks that history forward
// through the public APIs — referrals received, triaged, diary sessions added, appointments booked, attended and
// measured week by week, courses finished — moving the clock file forward before each step and never back, and
// ends it at the real present (offset 0). Each record then says when it happened in the demo's story, while the
// event store's own `recorded_at` (the database's clock) keeps the real time it was written: the gap is the mark of
// the demo's history. Hazard H-DM1 in docs/clinical-safety/hazard-log.md.
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SERVICES, dataDirectory } from '../local/platform.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DAY = 86_400_000;

/**
 * Days of synthetic history the demo walks through, ending today: 20 weeks, so that one referral can wait past the
 * 18-week standard (126 days) as well as the 6-week one (42 days) — NATIONAL_WAITING_TIME_DEFINITION in
 * @stepwell/contracts, from the NHS Talking Therapies Manual.
 */
export const DEMO_HISTORY_DAYS = 140;
/** Where a fresh demo platform's clock starts: a day before the history's first referral. */
export const DEMO_CLOCK_START_OFFSET_MS = -(DEMO_HISTORY_DAYS + 1) * DAY;

/** The services' movable clock file: TEST_CLOCK_FILE when set, else `<data folder>/demo-clock` as `npm start -- --demo` sets it. */
export function demoClockFile(env = process.env) {
  return env.TEST_CLOCK_FILE?.trim() || join(dataDirectory(root), 'demo-clock');
}

/** Write then rename: the services read the file on every request and must never see it half-written. */
function writeOffset(path, offsetMs) {
  writeFileSync(`${path}.next`, `${offsetMs}\n`);
  renameSync(`${path}.next`, path);
}

/**
 * The launcher's side (`npm start -- --demo`): a platform without a demo clock yet starts DEMO_HISTORY_DAYS and a day in
 * the past, for the seed to walk forward; an existing one (a demo already seeded, its clock back at 0) is kept.
 */
export function prepareDemoClock(path) {
  if (!existsSync(path)) writeOffset(path, DEMO_CLOCK_START_OFFSET_MS);
  return path;
}

/** The seed's side: reads the services' time and moves it forward, never back (the services' clock holds anyway). */
function demoClock(path) {
  const offset = () => {
    if (!existsSync(path)) return null;
    const text = readFileSync(path, 'utf8').trim();
    if (!/^[+-]?\d+$/.test(text)) throw new Error(`the demo clock file ${path} does not hold whole milliseconds`);
    return Number(text);
  };
  return {
    path,
    present: () => offset() !== null,
    now: () => Date.now() + (offset() ?? 0),
    /** Moves the services' time to `at` (ms) unless it is already later; true when the clock is now at `at`. */
    moveTo(at) {
      const current = offset();
      if (current === null) return false;
      const next = Math.min(0, at - Date.now());
      if (next < current) return Date.now() + current <= at + 60_000;
      writeOffset(path, next);
      return true;
    },
    /** The real present: offset 0, so that the services run on real time from here on. */
    toPresent() {
      const current = offset();
      if (current !== null && current < 0) writeOffset(path, 0);
    },
  };
}

/** Demo organisations: one of every type the access model knows. ODS-shaped codes that no real organisation has. */
export const DEMO_ORGANISATIONS = [
  // Both practices are in the demo ICB's area: the commissioner's `GET /metrics/gaps?area=DEMCM1`.
  { code: 'DEMGP1', name: 'Demo Riverside Surgery (synthetic GP practice)', organisationType: 'gp-practice', commissioningArea: 'DEMCM1' },
  { code: 'DEMGP2', name: 'Demo Hillside Medical Centre (synthetic GP practice)', organisationType: 'gp-practice', commissioningArea: 'DEMCM1' },
  { code: 'DEMTT1', name: 'Demo NHS Talking Therapies (synthetic)', organisationType: 'talking-therapies' },
  { code: 'DEMPC1', name: 'Demo Psychotherapy Consultation Service (synthetic)', organisationType: 'psychotherapy-consultation' },
  { code: 'DEMSC1', name: 'Demo Community Mental Health Team (synthetic)', organisationType: 'secondary-care' },
  { code: 'DEMCR1', name: 'Demo Crisis Resolution Team (synthetic)', organisationType: 'crisis-team' },
  { code: 'DEMVS1', name: 'Demo Wellbeing Charity (synthetic voluntary sector)', organisationType: 'voluntary-sector' },
  { code: 'DEMVS2', name: 'Demo Money Advice Centre (synthetic voluntary sector)', organisationType: 'voluntary-sector' },
  { code: 'DEMCM1', name: 'Demo Integrated Care Board (synthetic commissioner)', organisationType: 'commissioner' },
  { code: 'DEMAU1', name: 'Demo Information Governance Team (synthetic audit)', organisationType: 'audit' },
];
/** The direct-care demo organisations the 999 test NHS numbers are accepted for (REFERRALS_TEST_ORGANISATIONS). */
export const DEMO_TEST_ORGANISATIONS = DEMO_ORGANISATIONS.filter((o) => !['voluntary-sector', 'commissioner', 'audit'].includes(o.organisationType)).map((o) => o.code);

const typeOf = (code) => DEMO_ORGANISATIONS.find((o) => o.code === code).organisationType;
const person = (user, org, roles, name) => ({ user, org, orgType: typeOf(org), roles, name });

/** Who to log in as. */
export const DEMO_USERS = {
  registryAdmin: person('demo-registry-admin', 'DEMCM1', ['registry-admin'], 'Demo Registry Admin'),
  gpReferrer: person('demo-gp-dr-ash', 'DEMGP1', ['referrer', 'clinician'], 'Dr Demo Ash (GP)'),
  gp2Referrer: person('demo-gp-dr-birch', 'DEMGP2', ['referrer', 'clinician'], 'Dr Demo Birch (GP)'),
  ttAdmin: person('demo-tt-admin', 'DEMTT1', ['admin'], 'Demo Talking Therapies Administrator'),
  ttClinician: person('demo-tt-therapist', 'DEMTT1', ['clinician', 'duty-clinician'], 'Demo Therapist Cedar'),
  pcClinician: person('demo-pc-consultant', 'DEMPC1', ['clinician', 'admin'], 'Demo Consultant Elm'),
  scClinician: person('demo-cmht-clinician', 'DEMSC1', ['clinician', 'admin'], 'Demo CMHT Clinician Fir'),
  crClinician: person('demo-crisis-clinician', 'DEMCR1', ['clinician', 'admin'], 'Demo Crisis Clinician Hazel'),
  linkWorker: person('demo-link-worker', 'DEMVS1', ['link-worker', 'directory-editor'], 'Demo Link Worker Ivy'),
  communityWorker: person('demo-community-worker', 'DEMVS2', ['link-worker', 'directory-editor'], 'Demo Community Worker Kestrel'),
  pcPrivacyOfficer: person('demo-pc-privacy-officer', 'DEMPC1', ['auditor'], 'Demo Privacy Officer Rowan'),
  nationalAuditor: person('demo-national-auditor', 'DEMAU1', ['national-auditor'], 'Demo National Auditor Juniper'),
  // The service lead's dashboards (apps/web /dashboards): `ops` is the role the services already grant their aggregate
  // metrics to (waits, outcomes; gap metrics for a commissioner) and no patient's record.
  serviceLead: person('demo-tt-service-lead', 'DEMTT1', ['ops'], 'Demo Service Lead Larch'),
  commissioningLead: person('demo-icb-commissioning-lead', 'DEMCM1', ['ops'], 'Demo Commissioning Lead Maple'),
};

/** A 999-range NHS number with a valid Modulus 11 check digit (never issued to a person). */
export function testNhsNumber(serial) {
  for (let n = serial; ; n++) {
    const nine = `999${String(n).padStart(6, '0')}`;
    const sum = [...nine].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${nine}${check === 11 ? 0 : check}`;
  }
}

/**
 * The patients, one per situation a newcomer should see. `path` is what happens after the referral; all names say
 * they are synthetic.
 */
export const DEMO_PATIENTS = [
  { key: 'awaiting-triage', given: 'Avery', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'none', problems: ['low-mood'] },
  { key: 'urgent-triage', given: 'Blair', source: 'gp', to: 'DEMCR1', urgency: 'urgent', suicidal: true, path: 'none', problems: ['low-mood', 'self-harm-thoughts'] },
  { key: 'self-referral', given: 'Casey', source: 'self', to: 'DEMTT1', urgency: 'routine', path: 'none', problems: ['anxiety'] },
  { key: 'step-2', given: 'Devon', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'step-2', problems: ['anxiety'] },
  { key: 'step-3-risk', given: 'Emery', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'step-3-risk', problems: ['low-mood'] },
  { key: 'paused', given: 'Finley', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'paused', problems: ['low-mood'] },
  { key: 'stepped-up', given: 'Gale', source: 'gp', to: 'DEMTT1', urgency: 'urgent', path: 'stepped-up', problems: ['low-mood', 'psychosis-concerns'] },
  { key: 'complex-needs', given: 'Harper', source: 'gp', to: 'DEMPC1', urgency: 'routine', path: 'complex-needs', problems: ['relationship-difficulties'] },
  { key: 'crisis', given: 'Indigo', source: 'gp', to: 'DEMCR1', urgency: 'crisis', path: 'crisis', problems: ['crisis'] },
  { key: 'discharged', given: 'Jordan', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'discharged', problems: ['anxiety'] },
  { key: 'signposted', given: 'Kai', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'signposted', problems: ['loneliness'] },
  { key: 'declined', given: 'Logan', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'declined', problems: ['low-mood'] },
  { key: 'withdrawn', given: 'Morgan', source: 'gp', to: 'DEMTT1', urgency: 'routine', path: 'withdrawn', problems: ['low-mood'] },
].map((p, i) => ({ ...p, family: 'Synthetic-Demo', nhsNumber: testNhsNumber(100_001 + i * 7), dateOfBirth: `19${70 + i}-0${(i % 9) + 1}-1${i % 10}` }));

/**
 * The patients whose story the demo walks through on the movable clock, all GP referrals to Demo NHS Talking
 * Therapies. Days are counted back from today; each treatment day is an attended hour-long appointment with PHQ-9
 * and GAD-7 (`scores`: [PHQ-9, GAD-7] totals) completed at it. Against the national waiting-time standard (referral
 * to first attended treatment: 75% within 6 weeks, 95% within 18 weeks; NHS Talking Therapies Manual, as
 * NATIONAL_WAITING_TIME_DEFINITION in @stepwell/contracts cites it):
 * - Nico has waited 20 weeks and is still waiting: past the 18-week standard (and the 6-week one);
 * - Oakley has waited 8 weeks and is still waiting: past the 6-week standard;
 * - Parker started treatment 4 weeks after referral, recovered (PHQ-9 18 → 5, GAD-7 15 → 4) and was discharged;
 * - Quinn started 8 weeks after referral (a finished course past 6 weeks), did not improve (PHQ-9 17 → 16) and was
 *   discharged;
 * - Reese started step 3 four weeks after referral and is improving, still in treatment.
 */
export const DEMO_HISTORY_PATIENTS = [
  { key: 'waiting-18-weeks', given: 'Nico', referredDaysAgo: 140, step: 'step-2', problems: ['low-mood'], treatments: [] },
  { key: 'waiting-6-weeks', given: 'Oakley', referredDaysAgo: 56, step: 'step-2', problems: ['anxiety'], treatments: [] },
  {
    key: 'recovered', given: 'Parker', referredDaysAgo: 112, step: 'step-2', problems: ['low-mood', 'anxiety'], clinician: 'Demo Practitioner Dale', hour: 10,
    treatments: [84, 77, 70, 63, 56, 49], scores: [[18, 15], [16, 13], [13, 11], [10, 9], [7, 6], [5, 4]], dischargedDaysAgo: 42,
  },
  {
    key: 'not-improved', given: 'Quinn', referredDaysAgo: 133, step: 'step-2', problems: ['low-mood'], clinician: 'Demo Practitioner Dale', hour: 11,
    treatments: [77, 70, 63, 56, 49, 42], scores: [[17, 14], [18, 14], [16, 15], [17, 13], [16, 14], [16, 13]], dischargedDaysAgo: 35,
  },
  {
    key: 'in-treatment', given: 'Reese', referredDaysAgo: 63, step: 'step-3', problems: ['low-mood'], clinician: 'Demo Therapist Cedar', hour: 14,
    treatments: [35, 28, 21, 14, 7], scores: [[20, 16], [17, 14], [14, 12], [12, 10], [9, 8]],
  },
].map((p, i) => ({ ...p, path: p.key, to: 'DEMTT1', urgency: 'routine', family: 'Synthetic-Demo', nhsNumber: testNhsNumber(200_001 + i * 7), dateOfBirth: `198${i}-1${i % 3}-0${i + 1}` }));

const KEY = (name) => `stepwell-demo-1:${name.replace(/\s+/g, '-')}`;

class ApiError extends Error {
  constructor(method, path, status, text) {
    super(`${method} ${path} answered ${status}: ${text.slice(0, 500)}`);
    this.status = status;
    this.text = text;
  }
}

/**
 * Seeds the demo world.
 * @param {object} options
 * @param {Record<string, string>} options.urls base URL per service name (referrals, scheduling, outcomes)
 * @param {(who: object) => Promise<string>} options.mint a signed access token for a DEMO_USERS entry
 * @param {(line: string) => void} [options.log]
 * @param {Date} [options.now]
 * @param {string} [options.clockFile] the services' movable clock file (TEST_CLOCK_FILE); the history needs it
 * @returns {Promise<object>} what was written: ids per patient, every Location header with who created it, counts
 */
export async function seedDemo({ urls, mint, log = console.log, now = new Date(), clockFile = demoClockFile() }) {
  const tokens = {};
  for (const [name, who] of Object.entries(DEMO_USERS)) tokens[name] = await mint(who);
  /** Every Location header a creation answered with, and who created it (the test follows each). */
  const locations = [];

  async function call(service, userName, method, path, { body, key, ifMatch, expect = [200, 201] } = {}) {
    const headers = { accept: 'application/json' };
    if (userName) headers.authorization = `Bearer ${tokens[userName]}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = KEY(key);
    if (ifMatch) headers['if-match'] = ifMatch;
    const response = await fetch(`${urls[service]}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!expect.includes(response.status)) throw new ApiError(method, path, response.status, text);
    const location = response.headers.get('location');
    if (location) locations.push({ service, user: userName, location, createdBy: `${method} ${path.split('?')[0]}` });
    return { status: response.status, body: text ? JSON.parse(text) : null, etag: response.headers.get('etag'), replayed: response.headers.get('idempotent-replayed') === 'true' };
  }

  /** Another service learns of an episode over the message bus: until then it answers "episode not found". */
  async function whenEpisodeKnown(what, fn, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        const notYet = error instanceof ApiError && (error.status === 404 || error.status === 403) && /episode/i.test(error.text);
        if (!notYet || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  // A fresh platform gets its history walked on the movable clock; a seeded one (its demo organisations registered)
  // is replayed at the present, the clock never moved back.
  const clock = demoClock(clockFile);
  const registered = await call('referrals', 'gpReferrer', 'GET', '/organisations');
  const fresh = !registered.body.some((o) => DEMO_ORGANISATIONS.some((d) => d.code === o.code));
  const history = planHistory(now);
  if (fresh) {
    const first = history[0].at;
    if (!clock.present() || clock.now() > first) {
      throw new Error(
        `the demo's history (${DEMO_HISTORY_DAYS} days of referrals, attendances and measures) is written on the services' movable clock, ` +
          `which must start before ${new Date(first).toISOString()}: ${clock.present() ? `${clockFile} is at ${new Date(clock.now()).toISOString()}` : `${clockFile} does not exist`}. ` +
          'Start the platform with npm start -- --demo on a fresh data folder (npm run db:wipe first), which starts every service on that clock.',
      );
    }
    log(`the demo clock: the services' time is ${new Date(clock.now()).toISOString()}; the seed walks it forward to today …`);
  } else {
    clock.toPresent();
    log('a demo world is already here: replaying it at the present (the clock never moves back; nothing new is written) …');
  }

  log(`organisations: registering ${DEMO_ORGANISATIONS.length} (one of every type) …`);
  // Commissioners first: a practice's commissioning area must be a registered commissioner.
  const commissionersFirst = [...DEMO_ORGANISATIONS].sort((a, b) => Number(b.organisationType === 'commissioner') - Number(a.organisationType === 'commissioner'));
  for (const o of commissionersFirst) {
    const body = { name: o.name, organisationType: o.organisationType, ...(o.commissioningArea ? { commissioningArea: o.commissioningArea } : {}) };
    await call('referrals', 'registryAdmin', 'PUT', `/organisations/${o.code}`, { body });
  }

  log('clinicians and diaries: Demo NHS Talking Therapies …');
  const clinicians = {};
  for (const [name, role, languages] of [['Demo Therapist Cedar', 'high-intensity-therapist', ['en']], ['Demo Practitioner Dale', 'pwp', ['en', 'pl']]]) {
    const created = await call('scheduling', 'ttAdmin', 'POST', '/clinicians', {
      key: `clinician:${name}`,
      body: { name, organisation: 'DEMTT1', role, languages, sites: ['demo-site-1'] },
    });
    clinicians[name] = created.body.id;
  }

  log(`history: ${DEMO_HISTORY_PATIENTS.length} patients over ${DEMO_HISTORY_DAYS / 7} weeks (referrals, attended appointments, PHQ-9 and GAD-7, discharges) …`);
  const historyRecords = await seedHistory();
  clock.toPresent();
  log('the demo clock is back at the present: the services run on real time from here on.');

  // Tomorrow and the day after, 09:00–12:00 London time, hour-long slots: diaries exist only in the future.
  const slots = [];
  for (const [index, clinicianId] of Object.values(clinicians).entries()) {
    for (const days of [1, 2]) {
      const date = londonDate(new Date(now.getTime() + days * DAY));
      const session = await call('scheduling', 'ttAdmin', 'POST', `/clinicians/${clinicianId}/sessions`, {
        key: `session:${index}:${date}`,
        body: { date, startTime: '09:00', endTime: '12:00', slotLengthMinutes: 60, modes: ['video', 'face-to-face'], site: 'demo-site-1', purposes: ['assessment', 'treatment'], embargo: 'none' },
        expect: [201, 409],
      });
      if (session.status === 201) slots.push(...session.body.slots.map((slot) => ({ ...slot, clinicianId })));
    }
  }

  // The directory first: triage's signpost (Kai) must name a listed service that referrals has heard of (issue 17 item 4).
  log('the directory: the two synthetic charities list their services (Open Referral UK records) …');
  const directory = await seedDirectory();

  const patients = {};
  for (const p of DEMO_PATIENTS) {
    log(`patient ${p.given} ${p.family}: ${p.key} …`);
    patients[p.key] = await seedPatient(p);
  }

  log('a group course: Demo Stress Control (synthetic), in three days, with a place for the step-2 patient …');
  const startsAt = new Date(Math.ceil((now.getTime() + 3 * DAY) / 3_600_000) * 3_600_000);
  const group = await call('scheduling', 'ttAdmin', 'POST', '/group-sessions', {
    key: `group:${londonDate(startsAt)}`,
    body: {
      organisation: 'DEMTT1',
      facilitatorIds: [clinicians['Demo Therapist Cedar']],
      site: 'demo-site-1',
      programmeCode: 'stress-control',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      capacity: 12,
      mode: 'face-to-face',
      purpose: 'treatment',
    },
  });
  const groupPatient = patients['step-2'];
  // Run again, the place is already held: 409, nothing written.
  await whenEpisodeKnown('scheduling', () =>
    call('scheduling', 'ttAdmin', 'POST', `/group-sessions/${group.body.id}/places`, {
      body: { patientSubjectId: groupPatient.patientSubjectId, episodeId: groupPatient.episodeId },
      expect: [201, 409],
    }),
  );

  log('a social prescription: the link worker refers Kai (signposted) to the debt advice service, which accepts …');
  const socialPrescriptionId = await seedSocialPrescription(patients['signposted'], directory);
  log('consultations: Demo Psychotherapy Consultation Service publishes its offering; two questions are asked, one answered …');
  const consultations = await seedConsultations();

  /**
   * Walks DEMO_HISTORY_PATIENTS' steps in time order, moving the services' clock to each step's time first (forward
   * only). Replayed on a seeded platform, every step is one the services already hold: creations carry fixed
   * Idempotency-Keys (a referral that is not a replay stops the seed: its history would be stamped today), triage
   * repeats its decision, bookings, attendance and discharge are taken only when not yet shown.
   */
  async function seedHistory() {
    const records = {};
    for (const step of history) {
      if (fresh && !clock.moveTo(step.at)) {
        throw new Error(`the demo clock is at ${new Date(clock.now()).toISOString()}, past the history step due at ${new Date(step.at).toISOString()} (${step.what})`);
      }
      const record = (records[step.patient.key] ??= { path: step.patient.path, name: `${step.patient.given} ${step.patient.family}`, nhsNumber: step.patient.nhsNumber, appointmentIds: [], responses: [] });
      await historyStep(step, record);
    }
    return records;
  }

  async function historyStep({ patient: p, what, n, at }, record) {
    const clinicianId = clinicians[p.clinician];
    switch (what) {
      case 'referral': {
        const created = await call('referrals', 'gpReferrer', 'POST', '/referrals', {
          key: `history:referral:${p.key}`,
          body: { ...referralForm(p), source: 'gp' },
        });
        if (!fresh && !created.replayed) {
          throw new Error(
            `this platform holds a demo world without its history (or a run that stopped part-way): ${p.given}'s referral was new, stamped today. ` +
              'Wipe it (npm run db:wipe) and run npm start -- --demo again.',
          );
        }
        if (fresh && londonDate(new Date(created.body.receivedAt)) !== londonDate(new Date(at))) {
          throw new Error(`the referrals service is not on the demo clock (received ${created.body.receivedAt}, expected ${londonDate(new Date(at))}): give every service TEST_CLOCK_FILE=${clockFile}`);
        }
        Object.assign(record, { referralId: created.body.id, patientSubjectId: created.body.patientSubjectId });
        return;
      }
      case 'triage': {
        const triaged = await call('referrals', 'ttClinician', 'POST', `/referrals/${record.referralId}/triage`, { body: { outcome: 'accept', step: p.step, providingOrganisation: 'DEMTT1' } });
        record.episodeId = triaged.body.triage.episodeId;
        return;
      }
      case 'session': {
        const date = londonDate(new Date(at + 2 * DAY));
        const hour = (h) => `${String(h).padStart(2, '0')}:00`;
        const session = await call('scheduling', 'ttAdmin', 'POST', `/clinicians/${clinicianId}/sessions`, {
          key: `history:session:${p.key}:${n}`,
          body: { date, startTime: hour(p.hour), endTime: hour(p.hour + 1), slotLengthMinutes: 60, modes: ['video', 'face-to-face'], site: 'demo-site-1', purposes: ['treatment'], embargo: 'none' },
        });
        (record.slots ??= [])[n] = session.body.slots[0];
        return;
      }
      case 'booking': {
        // Replayed after the discharge, a booking would be refused (the episode is closed): look before booking.
        if (!fresh) {
          const held = await call('scheduling', 'ttAdmin', 'GET', `/patients/${record.patientSubjectId}/appointments?pageSize=50`);
          const earlier = held.body.items.find((a) => a.slotId === record.slots[n].id);
          if (earlier) {
            record.appointmentIds[n] = earlier.id;
            return;
          }
        }
        const booked = await whenEpisodeKnown('scheduling', () =>
          call('scheduling', 'ttAdmin', 'POST', '/appointments', {
            key: `history:appointment:${p.key}:${n}`,
            body: { patientSubjectId: record.patientSubjectId, episodeId: record.episodeId, slotId: record.slots[n].id, purpose: 'treatment', mode: 'video' },
            expect: [201, 200],
          }),
        );
        record.appointmentIds[n] = booked.body.id;
        return;
      }
      case 'attended': {
        const id = record.appointmentIds[n];
        const appointment = await call('scheduling', 'ttAdmin', 'GET', `/appointments/${id}`);
        if (appointment.body.status !== 'attended') {
          await call('scheduling', 'ttClinician', 'POST', `/appointments/${id}/attendance`, { ifMatch: appointment.etag, body: { outcome: 'attended', durationMinutes: 50 } });
        }
        // Completed at the appointment, by the patient; item 9 of PHQ-9 (thoughts of self-harm) answered 0.
        const completedAt = new Date(Date.parse(record.slots[n].startsAt) + 50 * 60_000).toISOString();
        const [phq, gad] = p.scores[n];
        for (const [code, prefix, items, total, pinned] of [['PHQ-9', 'phq9', 9, phq, { 9: 0 }], ['GAD-7', 'gad7', 7, gad, {}]]) {
          const response = await whenEpisodeKnown('outcomes', () =>
            call('outcomes', 'ttClinician', 'POST', `/patients/${record.patientSubjectId}/responses`, {
              key: `history:response:${p.key}:${code}:${n}`,
              body: { questionnaireCode: code, questionnaireVersion: '1', episodeId: record.episodeId, completedAt, completedBy: 'patient', answers: answersTotalling(prefix, items, total, pinned) },
            }),
          );
          record.responses.push(response.body.id);
        }
        return;
      }
      case 'discharge': {
        // Referrals learns the attendances over the message bus: the course is discharged once it shows them.
        const episode = await until(`${p.given}'s episode in treatment`, async () => {
          const current = await call('referrals', 'ttClinician', 'GET', `/episodes/${record.episodeId}`);
          return ['InTreatment', 'Discharged'].includes(current.body.status) ? current : undefined;
        });
        if (episode.body.status !== 'Discharged') {
          await call('referrals', 'ttClinician', 'POST', `/episodes/${record.episodeId}/discharge`, { ifMatch: episode.etag, body: { reason: 'completed', note: 'Synthetic demo: course of treatment finished.' } });
        }
        return;
      }
      default:
        throw new Error(`unknown history step ${what}`);
    }
  }

  async function seedPatient(p) {
    const form = referralForm(p);
    const created = p.source === 'self'
      ? ((await earlierSelfReferral(form.reason)) ?? (await selfRefer(p, form)))
      : await call('referrals', 'gpReferrer', 'POST', '/referrals', { key: `referral:${p.key}`, body: { ...form, source: 'gp' } });
    const record = { referralId: created.body.id, patientSubjectId: created.body.patientSubjectId, nhsNumber: p.nhsNumber, name: `${p.given} ${p.family}`, path: p.path };
    const triager = { DEMTT1: 'ttClinician', DEMPC1: 'pcClinician', DEMCR1: 'crClinician', DEMSC1: 'scClinician' }[p.to];
    const triage = (decision) => call('referrals', triager, 'POST', `/referrals/${record.referralId}/triage`, { body: decision });

    if (p.path === 'none') return record;
    if (p.path === 'withdrawn') {
      const current = await call('referrals', 'gpReferrer', 'GET', `/referrals/${record.referralId}`);
      if (current.body.status !== 'withdrawn' && current.body.status !== 'Withdrawn') {
        await call('referrals', 'gpReferrer', 'POST', `/referrals/${record.referralId}/withdraw`, { body: { reason: 'patient-request' }, ifMatch: current.etag, expect: [200, 409] });
      }
      return record;
    }
    if (p.path === 'signposted') {
      // The peer support group's listing reaches referrals over the message bus: until then the signpost is 422.
      await whenDirectoryServiceKnown(() => triage({ outcome: 'signpost', directoryServiceId: directory.vs1, note: 'Synthetic demo decision.' }));
      return record;
    }
    if (p.path === 'declined') {
      await triage({ outcome: 'decline', reason: 'other', text: 'Synthetic demo: declined to show the decision.' });
      return record;
    }
    const step = { 'complex-needs': 'complex-needs', crisis: 'crisis', 'step-3-risk': 'step-3' }[p.path] ?? 'step-2';
    const triaged = await triage({ outcome: 'accept', step, providingOrganisation: p.to });
    record.episodeId = triaged.body.triage.episodeId;
    const provider = triager;
    const episode = () => call('referrals', provider, 'GET', `/episodes/${record.episodeId}`);

    if (p.path === 'step-2' || p.path === 'step-3-risk') record.appointmentId = await book(record, p.key);
    if (p.path === 'step-2' || p.path === 'step-3-risk' || p.path === 'discharged') record.responses = await measures(record, p.path);
    if (p.path === 'paused') {
      const current = await episode();
      if (!current.body.pauses.some((pause) => pause.to === null)) {
        await call('referrals', provider, 'POST', `/episodes/${record.episodeId}/pauses`, { key: `pause:${p.key}`, ifMatch: current.etag, body: { note: 'Synthetic demo: patient away for three weeks.' } });
      }
    }
    if (p.path === 'stepped-up') {
      const current = await episode();
      if (current.body.step !== 'secondary-care') {
        await call('referrals', provider, 'POST', `/episodes/${record.episodeId}/step-changes`, {
          ifMatch: current.etag,
          body: {
            to: 'secondary-care',
            providingOrganisation: 'DEMSC1',
            reason: 'not-improving',
            scores: [{ measure: 'phq-9', score: 22, recordedAt: new Date(now.getTime() - 7 * DAY).toISOString() }],
            note: 'Synthetic demo step-up: PHQ-9 not improving.',
          },
        });
      }
    }
    if (p.path === 'discharged') {
      const current = await episode();
      if (current.body.status !== 'Discharged') {
        await call('referrals', provider, 'POST', `/episodes/${record.episodeId}/discharge`, { ifMatch: current.etag, body: { reason: 'completed', note: 'Synthetic demo discharge.' } });
      }
    }
    return record;
  }

  /**
   * Self-referrals are limited to 5 per hour per client address, replays included, so a second run looks for the
   * first run's in the receiving service's triage queue (by its synthetic reason) before sending it again.
   */
  async function earlierSelfReferral(reason) {
    const queue = await call('referrals', 'ttClinician', 'GET', '/referrals?status=awaiting-triage&organisation=DEMTT1&pageSize=200');
    for (const item of queue.body.items.filter((i) => i.source === 'self')) {
      const referral = await call('referrals', 'ttClinician', 'GET', `/referrals/${item.id}`);
      if (referral.body.reason === reason) return referral;
    }
    return undefined;
  }

  async function selfRefer(p, form) {
    const created = await call('referrals', null, 'POST', '/self-referrals', { key: `self-referral:${p.key}`, body: form });
    locations.at(-1).user = 'ttClinician'; // an anonymous creator: the receiving service reads it
    return created;
  }

  /** The next free slot at Demo NHS Talking Therapies, booked for the patient's episode (a fixed key per patient). */
  async function book(record, key) {
    const slot = slots.shift();
    if (!slot) return undefined; // a second run the same day: the first run's bookings stand (replayed below)
    const booked = await whenEpisodeKnown('scheduling', () =>
      call('scheduling', 'ttAdmin', 'POST', '/appointments', {
        key: `appointment:${key}`,
        body: { patientSubjectId: record.patientSubjectId, episodeId: record.episodeId, slotId: slot.id, purpose: 'treatment', mode: 'video' },
        expect: [201, 200],
      }),
    );
    return booked.body.id;
  }

  /**
   * PHQ-9 and GAD-7 completed 21, 14 and 7 days ago (`completedAt` may be backdated, never in the future): scores
   * falling for step 2 and the discharged patient; for the step-3 patient, PHQ-9 item 9 answered above 0 last
   * week, which raises a risk alert to Demo NHS Talking Therapies' duty queue.
   */
  async function measures(record, path) {
    const ids = [];
    const series = path === 'step-3-risk' ? [[19, 15], [20, 16], [21, 16]] : [[16, 14], [12, 10], [8, 6]];
    for (const [i, [phq, gad]] of series.entries()) {
      const completedAt = new Date(now.getTime() - (21 - i * 7) * DAY).toISOString();
      const risk = path === 'step-3-risk' && i === series.length - 1 ? { 9: 1 } : { 9: 0 };
      for (const [code, prefix, items, total, pinned] of [['PHQ-9', 'phq9', 9, phq, risk], ['GAD-7', 'gad7', 7, gad, {}]]) {
        const response = await whenEpisodeKnown('outcomes', () =>
          call('outcomes', 'ttClinician', 'POST', `/patients/${record.patientSubjectId}/responses`, {
            key: `response:${path}:${code}:${i}`,
            body: { questionnaireCode: code, questionnaireVersion: '1', episodeId: record.episodeId, completedAt, completedBy: 'patient', answers: answersTotalling(prefix, items, total, pinned) },
          }),
        );
        ids.push(response.body.id);
      }
    }
    return ids;
  }

  /**
   * Each charity lists itself, a place and a service, tagged with the directory's whole-life vocabulary. Fixed
   * Idempotency-Keys name the records, so a second run lists nothing new.
   */
  async function seedDirectory() {
    const terms = await call('directory', null, 'GET', '/taxonomy_terms?per_page=200');
    const termId = (code) => {
      const term = terms.body.contents.find((t) => t.code === code);
      if (!term) throw new Error(`the directory's whole-life vocabulary has no term ${code}`);
      return term.id;
    };
    const listings = [
      { editor: 'linkWorker', key: 'vs1', organisation: 'Demo Wellbeing Charity (synthetic)', place: 'Demo Community Hub, Leeds (synthetic)', lat: 53.7997, lon: -1.5492,
        service: 'Demo peer support group (synthetic)', description: 'A weekly peer support group for people feeling isolated. Synthetic demo listing.', term: 'social-contact-and-loneliness' },
      { editor: 'communityWorker', key: 'vs2', organisation: 'Demo Money Advice Centre (synthetic)', place: 'Demo Advice Centre, Leeds (synthetic)', lat: 53.7965, lon: -1.5418,
        service: 'Demo debt advice (synthetic)', description: 'Free one-to-one debt advice and help with a debt management plan. Synthetic demo listing.', term: 'money-and-debt' },
    ];
    const services = {};
    for (const l of listings) {
      const organization = await call('directory', l.editor, 'POST', '/organizations', { key: `directory:organization:${l.key}`, body: { name: l.organisation, description: `${l.organisation}: a synthetic demo charity.` } });
      const location = await call('directory', l.editor, 'POST', '/locations', { key: `directory:location:${l.key}`, body: { name: l.place, latitude: l.lat, longitude: l.lon } });
      const service = await call('directory', l.editor, 'POST', '/services', {
        key: `directory:service:${l.key}`,
        body: {
          organization_id: organization.body.id,
          name: l.service,
          description: l.description,
          status: 'active',
          attributes: [{ id: `demo-${l.key}-attribute`, taxonomy_term_id: termId(l.term) }],
          service_at_locations: [{ id: `demo-${l.key}-at-location`, location_id: location.body.id }],
        },
      });
      services[l.key] = service.body.id;
    }
    await call('directory', 'communityWorker', 'PUT', `/services/${services.vs2}/capacity`, { body: { places_free: 4, wait_days: 6 } });
    return services;
  }

  /**
   * Issue 17's loop for one person: Talking Therapies signposted Kai; the link worker records the referral, what
   * matters to them (a debt goal shared with the advice centre, another kept private) and a SWEMWBS baseline, then
   * refers them directly to the debt advice service, which accepts and starts. Each step only if not yet taken.
   */
  async function seedSocialPrescription(patient, directory) {
    const created = await call('directory', 'linkWorker', 'POST', '/social-prescriptions', {
      key: 'social-prescription:signposted',
      body: {
        patient_subject_id: patient.patientSubjectId,
        source: 'talking-therapies',
        source_organisation_id: 'DEMTT1',
        source_reference: `referral ${patient.referralId}`,
        person: { name: 'Kai (synthetic)', contact: { method: 'email', value: 'kai.synthetic-demo@example.org' } },
        reason: 'Synthetic demo: isolated since losing work; worried about debts.',
        consent_to_share_with: ['DEMVS2'],
      },
    });
    const id = created.body.id;
    const current = () => call('directory', 'linkWorker', 'GET', `/social-prescriptions/${id}`);
    let state = await current();
    if (state.body.status === 'Referred') {
      await call('directory', 'linkWorker', 'POST', `/social-prescriptions/${id}/what-matters`, {
        ifMatch: state.etag,
        body: {
          goals: [
            { id: 'demo-goal-debt', domain: 'money-and-debt', description: 'Get on top of the rent arrears (synthetic)', share_with_community: true },
            { id: 'demo-goal-friends', domain: 'social-contact-and-loneliness', description: 'See people once a week (synthetic)', share_with_community: false },
          ],
          baseline: { measure: 'SWEMWBS', score: 17, taken_on: londonDate(now) },
        },
      });
      state = await current();
    }
    if (state.body.status === 'Assessed') {
      await call('directory', 'linkWorker', 'POST', `/social-prescriptions/${id}/community-referral`, {
        ifMatch: state.etag,
        body: { service_id: directory.vs2, asks: 'Help with a debt management plan (synthetic)', shared_goal_ids: ['demo-goal-debt'], safety_notes: 'Prefers email (synthetic)' },
      });
      state = await current();
    }
    if (state.body.status === 'AwaitingReply') {
      const asRecipient = await call('directory', 'communityWorker', 'GET', `/social-prescriptions/${id}`);
      await call('directory', 'communityWorker', 'POST', `/social-prescriptions/${id}/accept`, { ifMatch: asRecipient.etag, body: {} });
    }
    return id;
  }

  /**
   * The consultation service publishes what it offers; the GP asks about the person still awaiting triage (answered:
   * manage in primary care, with a formulation), and Talking Therapies asks about the step-3 patient with a risk
   * alert (left open in the consultation service's worklist). Consultations learns who may ask about whom from
   * referrals' events, so a request waits until it has.
   */
  async function seedConsultations() {
    const offering = await call('consultations', 'pcClinician', 'GET', '/offerings/DEMPC1', { expect: [200, 404] });
    await call('consultations', 'pcClinician', 'PUT', '/offerings/DEMPC1', {
      ...(offering.status === 200 ? { ifMatch: offering.etag } : {}),
      body: {
        specialistPool: [{ specialism: 'psychotherapist', count: 2 }, { specialism: 'consultant-psychiatrist', count: 1 }],
        modes: ['written-advice', 'telephone', 'joint-appointment'],
        eligibilityNotes: 'Adults registered with a demo practice (synthetic).',
        openingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, opens: '09:00', closes: '17:00' })),
      },
    });
    const ask = (key, user, patient, question) =>
      whenKnown(() =>
        call('consultations', user, 'POST', '/consultations', {
          key: `consultation:${key}`,
          body: {
            consultationService: 'DEMPC1',
            patient: { subjectId: patient.patientSubjectId, consent: 'recorded' },
            question,
            context: { history: 'Synthetic demo history.', currentAndPastTreatment: 'Synthetic demo treatment.', medication: 'None (synthetic).', risk: 'See the referral (synthetic).' },
            sharedMeasureIds: [],
            urgency: 'routine',
            preferredMode: 'written-advice',
          },
        }),
      );
    const answered = await ask('awaiting-triage', 'gpReferrer', patients['awaiting-triage'], 'Low mood for three months after a bereavement: can we manage this in the practice? (synthetic)');
    const open = await ask('step-3-risk', 'ttClinician', patients['step-3-risk'], 'PHQ-9 not falling at step 3 and item 9 now above 0: how should we think about this? (synthetic)');
    let consultation = await call('consultations', 'pcClinician', 'GET', `/consultations/${answered.body.id}`);
    if (consultation.body.status === 'requested') {
      await call('consultations', 'pcClinician', 'POST', `/consultations/${answered.body.id}/accept`, { ifMatch: consultation.etag, body: { assignTo: DEMO_USERS.pcClinician.user } });
      consultation = await call('consultations', 'pcClinician', 'GET', `/consultations/${answered.body.id}`);
    }
    if (consultation.body.status === 'accepted') {
      await call('consultations', 'pcClinician', 'POST', `/consultations/${answered.body.id}/answer`, {
        ifMatch: consultation.etag,
        body: {
          formulation: {
            presentingDifficulties: 'Low mood and withdrawal (synthetic).',
            historyAndContext: 'Bereavement this year (synthetic).',
            maintainingFactors: 'Avoidance of reminders (synthetic).',
            strengths: 'Supportive friends (synthetic).',
            risk: 'No current risk reported (synthetic).',
            narrative: 'Grief maintained by avoidance; a synthetic demo formulation.',
          },
          advice: 'Offer behavioural activation in the practice and review in four weeks (synthetic demo advice).',
          outcome: 'manage-in-primary-care',
          specialism: 'psychotherapist',
        },
      });
    }
    return { answered: answered.body.id, open: open.body.id };
  }

  /** Referrals learns directory listings from the directory's events: until then a signpost naming one is 422. */
  async function whenDirectoryServiceKnown(fn, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        const notYet = error instanceof ApiError && error.status === 422 && /unknown-directory-service|UNKNOWN_DIRECTORY_SERVICE/.test(error.text);
        if (!notYet || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** Consultations learns care relationships from referrals' events: until then a request about the person is 404. */
  async function whenKnown(fn, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        const notYet = error instanceof ApiError && error.status === 404 && /patient/i.test(error.text);
        if (!notYet || Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  const counts = {};
  for (const p of [...DEMO_PATIENTS, ...DEMO_HISTORY_PATIENTS]) counts[p.path] = (counts[p.path] ?? 0) + 1;
  for (const record of Object.values(historyRecords)) delete record.slots;
  return {
    organisations: DEMO_ORGANISATIONS,
    users: DEMO_USERS,
    clinicians,
    groupSessionId: group.body.id,
    patients: { ...patients, ...historyRecords },
    directory,
    socialPrescriptionId,
    consultations,
    locations,
    counts,
  };
}

/** The referral form for a demo patient (everything in it says it is synthetic). */
function referralForm(p) {
  return {
    patient: {
      nhsNumber: p.nhsNumber,
      givenName: p.given,
      familyName: p.family,
      dateOfBirth: p.dateOfBirth,
      postcode: 'LS1 4AP',
      email: `${p.given.toLowerCase()}.synthetic-demo@example.org`,
    },
    receivingOrganisation: p.to,
    registeredGpPractice: 'DEMGP1',
    urgency: p.urgency,
    reason: `Synthetic demo referral (${p.key}): not a real person.`,
    presentingProblems: p.problems,
    riskIndicators: { selfHarm: Boolean(p.suicidal), suicidalThoughts: Boolean(p.suicidal), harmToOthers: false },
    consentToShare: true,
  };
}

/** Item answers (0–3 each) that total `total`, with `pinned` items set first. */
function answersTotalling(prefix, items, total, pinned) {
  let remaining = total - Object.values(pinned).reduce((a, b) => a + b, 0);
  return Array.from({ length: items }, (_, i) => {
    const n = i + 1;
    if (n in pinned) return { linkId: `${prefix}-${n}`, value: pinned[n] };
    const value = Math.min(3, Math.max(0, remaining));
    remaining -= value;
    return { linkId: `${prefix}-${n}`, value };
  });
}

/**
 * DEMO_HISTORY_PATIENTS' steps in time order (ms since the epoch, London wall-clock times on days counted back from
 * `now`): referral 09:30; triage two days later; for each treatment day a diary session added two days before, the
 * booking the day before, and attendance with PHQ-9 and GAD-7 at 55 minutes past the appointment's hour; the
 * discharge at 16:00.
 */
function planHistory(now) {
  const day = (daysAgo, time) => londonInstant(londonDate(new Date(now.getTime() - daysAgo * DAY)), time);
  const steps = [];
  for (const patient of DEMO_HISTORY_PATIENTS) {
    const hh = String(patient.hour ?? 0).padStart(2, '0');
    steps.push({ patient, what: 'referral', at: day(patient.referredDaysAgo, '09:30') });
    steps.push({ patient, what: 'triage', at: day(patient.referredDaysAgo - 2, '10:00') });
    patient.treatments.forEach((daysAgo, n) => {
      steps.push({ patient, what: 'session', n, at: day(daysAgo + 2, '08:00') });
      steps.push({ patient, what: 'booking', n, at: day(daysAgo + 1, '09:00') });
      steps.push({ patient, what: 'attended', n, at: day(daysAgo, `${hh}:55`) });
    });
    if (patient.dischargedDaysAgo !== undefined) steps.push({ patient, what: 'discharge', at: day(patient.dischargedDaysAgo, '16:00') });
  }
  return steps.sort((a, b) => a.at - b.at);
}

/** The instant (ms) of a London wall-clock time on a London date. */
function londonInstant(date, time) {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(asUtc);
  const part = (type) => parts.find((p) => p.type === type).value;
  const londonAsUtc = Date.parse(`${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:00Z`);
  return asUtc - (londonAsUtc - asUtc);
}

/** Polls `probe` until it answers something (the services learn of each other's events over the message bus). */
async function until(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined) return answer;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function londonDate(instant) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The ready-to-paste token commands and what each person sees. */
export function loginHelp(dataDir) {
  const env = dataDir ? `STEPWELL_DATA_DIR=${dataDir} ` : '';
  const sees = {
    registryAdmin: 'the organisation registry (PUT /organisations/{code})',
    gpReferrer: 'its referrals and their episodes’ status',
    gp2Referrer: 'nothing of the demo patients (no relationship: 404)',
    ttAdmin: 'diaries, slots, bookings, the waiting list at DEMTT1 (GET /waiting-list?organisation=DEMTT1 on :3002)',
    ttClinician: 'the triage queue, episodes with their waiting clocks (GET /episodes?organisation=DEMTT1 on :3001), weeks of measures and the risk alert at DEMTT1',
    pcClinician: 'the complex-needs episode and the consultation worklist at DEMPC1 (GET /consultations?organisation=DEMPC1 on :3003)',
    scClinician: 'the stepped-up episode at DEMSC1',
    crClinician: 'the urgent-triage and crisis referrals at DEMCR1',
    linkWorker: 'the social prescription it holds for Kai (GET /social-prescriptions on :3005), and edits DEMVS1’s directory listing',
    communityWorker: 'the minimum-necessary view of the debt advice referral DEMVS2 accepted (GET /social-prescriptions/inbox on :3005); edits its listings',
    pcPrivacyOfficer: 'DEMPC1’s privacy officer: break-glass use by DEMPC1 staff to review (GET /audit/break-glass on each service), and the case history and access log of DEMPC1’s patients',
    nationalAuditor: "any person's case history (GET /audit/patients/{id}/events) and access log, in every service",
    serviceLead: 'DEMTT1’s aggregate waits and outcome rates (GET /metrics/waits on :3002, GET /metrics/outcomes on :3004), no patient',
    commissioningLead: 'the gap metrics of the demo area by practice (GET /metrics/gaps?area=DEMCM1 on :3001), no patient',
  };
  return Object.entries(DEMO_USERS).map(([name, who]) => ({
    name: who.name,
    sees: sees[name],
    command: `TOKEN=$(${env}npm run -s token -- --user ${who.user} --org ${who.org} --org-type ${who.orgType} ${who.roles.map((r) => `--role ${r}`).join(' ')})`,
  }));
}

/** Prints who to log in as and where to look. */
export function printSummary(result, { urls, dataDir, log = console.log }) {
  log('\nDemo world seeded (all synthetic: names say "Synthetic-Demo", NHS numbers from the never-issued 999 range).');
  log(`  organisations: ${result.organisations.map((o) => `${o.code} (${o.organisationType})`).join(', ')}`);
  log(`  patients by path: ${Object.entries(result.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  log(`  history (${DEMO_HISTORY_DAYS / 7} weeks, walked on the demo clock, now back at the present): attended appointments with PHQ-9/GAD-7 week by week;`);
  log('    Nico waiting 20 weeks (past the 18-week standard), Oakley 8 weeks (past 6); Parker recovered and Quinn did not,');
  log('    both discharged after a finished course (Quinn’s started past 6 weeks); Reese improving at step 3.');
  log('    Standard: 75% start treatment within 6 weeks of referral, 95% within 18 (NHS Talking Therapies Manual).\n');
  log('Log in as (paste one line, then call the API with -H "Authorization: Bearer $TOKEN"):');
  for (const line of loginHelp(dataDir)) log(`  # ${line.name}: sees ${line.sees}\n  ${line.command}`);
  const tt = result.patients['step-3-risk'];
  log('\nThen, for example:');
  log(`  curl -s "${urls.referrals}/referrals?status=awaiting-triage&organisation=DEMTT1" -H "Authorization: Bearer $TOKEN"   # as demo-tt-therapist`);
  log(`  curl -s "${urls.outcomes}/risk-alerts?organisation=DEMTT1" -H "Authorization: Bearer $TOKEN"                       # as demo-tt-therapist`);
  if (tt) log(`  curl -s "${urls.outcomes}/patients/${tt.patientSubjectId}/measures?code=PHQ-9" -H "Authorization: Bearer $TOKEN"`);
  const recovered = result.patients['recovered'];
  if (recovered) log(`  curl -s "${urls.outcomes}/patients/${recovered.patientSubjectId}/measures?code=PHQ-9" -H "Authorization: Bearer $TOKEN"   # as demo-tt-therapist: six weeks of recovery`);
  log(`  curl -s "${urls.referrals}/episodes?organisation=DEMTT1" -H "Authorization: Bearer $TOKEN"                       # as demo-tt-therapist: waiting clocks, two past 6 weeks, one past 18`);
  log(`  curl -s "${urls.scheduling}/waiting-list?organisation=DEMTT1" -H "Authorization: Bearer $TOKEN"                  # as demo-tt-admin: days waited`);
  log(`  curl -s "${urls.scheduling}/metrics/waits?organisation=DEMTT1&from=${londonDate(new Date(Date.now() - 365 * DAY))}" -H "Authorization: Bearer $TOKEN"   # as demo-tt-service-lead: the national 6/18-week measure (two finished courses: suppressed, fewer than 5)`);
  log(`  curl -s "${urls.scheduling}/slots?organisation=DEMTT1&from=${londonDate(new Date())}&to=${londonDate(new Date(Date.now() + 3 * DAY))}" -H "Authorization: Bearer $TOKEN"   # as demo-tt-admin`);
}

/** The services' base URLs as the launcher starts them (HOST and the *_PORT variables). */
export function serviceUrls(env = process.env) {
  const host = env.HOST ?? '127.0.0.1';
  return Object.fromEntries(SERVICES.map((s) => [s.name, `http://${host}:${env[s.portVariable] ?? s.defaultPort}`]));
}

/** Tokens signed with the embedded issuer's key (the key `npm start` serves), as `npm run token` signs them. */
export async function embeddedMinter() {
  const require = createRequire(join(root, 'package.json'));
  const access = require(join(root, 'libs/platform/access/dist/index.js'));
  const key = await access.loadOrCreateSigningKey(access.defaultDataDir());
  const issuer = process.env.AUTH_ISSUER ?? access.EMBEDDED_ISSUER;
  const audience = process.env.AUTH_AUDIENCE ?? access.DEFAULT_AUDIENCE;
  return (who) => access.signToken({ user: who.user, name: who.name, org: who.org, orgType: who.orgType, roles: who.roles, ttl: '1h' }, { key, issuer, audience });
}

// `npm run demo [-- --report <file>]`: seeds a running platform.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { report: { type: 'string' } } });
  const urls = serviceUrls();
  const log = (line) => console.log(`[demo] ${line}`);
  try {
    const result = await seedDemo({ urls, mint: await embeddedMinter(), log });
    if (values.report) writeFileSync(values.report, JSON.stringify(result, null, 2));
    printSummary(result, { urls, dataDir: process.env.STEPWELL_DATA_DIR, log: console.log });
  } catch (error) {
    const unreachable = error.cause?.code === 'ECONNREFUSED';
    console.error(`[demo] ${unreachable ? `no platform at ${JSON.stringify(urls)}: start it first (npm start), or run npm start -- --demo` : error.message}`);
    if (/999|test (range|organisation)/i.test(error.message)) {
      console.error(`[demo] the referrals service must accept the demo organisations' test NHS numbers: start it with REFERRALS_TEST_ORGANISATIONS=${DEMO_TEST_ORGANISATIONS.join(',')} (npm start does so by default)`);
    }
    process.exit(1);
  }
}
