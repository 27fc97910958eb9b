import type { INestApplication } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { createTestApp } from '@stepwell/http/testing';
import { ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase, TestClock } from '@stepwell/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadConsultationsConfig } from '../config';
import { CONSULTATIONS_HTTP } from '../shared/http-options';

type Agent = ReturnType<typeof request.agent>;


/** The GP practice that asks (users.gpClinician: clinician and referrer; users.admin: its administrator). */
export const GP = users.gpClinician;
export const GP_ADMIN = users.admin;
/** A primary care psychotherapy consultation service: its specialist and its administrator. */
export const SPECIALIST: TestUser = { user: 'u-pcpcs-1', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['clinician'] };
export const SPECIALIST_2: TestUser = { user: 'u-pcpcs-2', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['clinician'] };
export const SERVICE_ADMIN: TestUser = { user: 'u-pcpcs-admin', org: 'PCP01', orgType: 'psychotherapy-consultation', roles: ['admin'] };
/** An unrelated organisation (a Talking Therapies service that is neither party). */
export const STRANGER = users.therapist;

export interface ConsultationsTestApp {
  app: INestApplication;
  database: TestDatabase;
  store: EventStore;
  dataSource: DataSource;
  clock: TestClock;
  issuer: TestIssuer;
  as(who: TestUser): Promise<Agent>;
  anonymous(): ReturnType<typeof request>;
  settled(): Promise<void>;
  /** Events of the service's own streams (offerings, consultations), in commit order. */
  domainEvents(): Promise<RecordedEvent[]>;
  /** Every event, the access trail included. */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function startConsultationsTestApp(label: string): Promise<ConsultationsTestApp> {
  const database = await createTestDatabase(label);
  const issuer = createTestIssuer();
  const config = loadConsultationsConfig(undefined, { DATABASE_URL: database.url, ...issuer.env });
  const clock = new TestClock();
  const app = await createTestApp(AppModule.forRoot(config, { clock, breachCheckEverySeconds: 0 }), CONSULTATIONS_HTTP);
  const store = app.get<EventStore>(EVENT_STORE);
  await seedCareRelationships(app.get(DataSource));
  const agents = new Map<string, Agent>();
  return {
    app,
    database,
    store,
    dataSource: app.get(DataSource),
    clock,
    issuer,
    async as(who) {
      const key = `${who.user}/${who.org}`;
      if (!agents.has(key)) agents.set(key, request.agent(app.getHttpServer()).set('Authorization', await issuer.bearer(who)));
      return agents.get(key)!;
    },
    anonymous: () => request(app.getHttpServer()),
    settled: () => app.get(ProjectionRunner).settled(),
    domainEvents: async () => (await store.readAll()).filter((e) => /^(offering|consultation)-/.test(e.streamId)),
    allEvents: () => store.readAll(),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const validOffering = {
  specialistPool: [
    { specialism: 'psychotherapist', count: 3 },
    { specialism: 'consultant-psychiatrist', count: 1 },
  ],
  modes: ['written-advice', 'telephone', 'joint-appointment'],
  eligibilityNotes: 'Adults registered with a practice in the borough',
  openingHours: [
    { day: 'monday', opens: '09:00', closes: '17:00' },
    { day: 'friday', opens: '09:00', closes: '16:30' },
  ],
};

let patients = 0;
/** The patients `newPatient()` hands out in one test file (each file has its own counter and database). */
const PATIENT_POOL = 400;
export const newPatient = (): string => {
  if (patients >= PATIENT_POOL) throw new Error(`A test file asks for more than ${PATIENT_POOL} patients: raise PATIENT_POOL`);
  return `p-cn-${process.pid}-${++patients}`;
};
/** A patient none of the test organisations has any care relationship with (hazard H-CN1). */
export const unrelatedPatient = (): string => `p-cn-unrelated-${process.pid}-${++patients}`;
/** The requesting organisations of the tests: practices that referred every pooled patient (so may ask about them). */
export const REFERRING_PRACTICES = [users.gpClinician.org, 'B82002', 'B82003', 'PCP01'];

/**
 * Hazard H-CN1: POST /consultations asks only about a person in the requester's care, as the service's care
 * relationships (from referrals' events, applied on consume) say. The tests' practices referred every patient
 * `newPatient()` hands out (and the fixed one the consent test names) — the rows referrals' referral-received
 * would leave, written in one statement.
 */
async function seedCareRelationships(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO "consultations"."care_relationship" (patient_subject_id, organisation_id, reason, scope, since, source_event_id, source_event_type, identity_verified)
     SELECT p.id, o.org, 'referrer', 'referral:ref-' || p.id, now() - interval '30 days', 'seed-' || p.id || '-' || o.org, 'referrals.referral-received', true
       FROM (SELECT $1 || n AS id FROM generate_series(1, $2) n UNION SELECT 'p-cn-no-consent') p, unnest($3::text[]) AS o(org)`,
    [`p-cn-${process.pid}-`, PATIENT_POOL, REFERRING_PRACTICES],
  );
}

export const validRequest = (overrides: Record<string, unknown> = {}) => ({
  consultationService: SPECIALIST.org,
  patient: { subjectId: newPatient(), consent: 'recorded' },
  question: 'Persistent low mood despite two SSRIs; how should I think about this?',
  context: { history: 'Two years of low mood', currentAndPastTreatment: 'Step 2 guided self-help', medication: 'Sertraline 100 mg', risk: 'No current risk' },
  sharedMeasureIds: ['series-phq9-1'],
  urgency: 'routine',
  preferredMode: 'written-advice',
  ...overrides,
});

/**
 * What a referral answer must carry for the referrals service's intake (hazard H-CB1): the specialist's risk answers,
 * presenting problems as codes and the person's consent confirmed — obtained an hour before `answeredAt`.
 */
export const referralIntake = (answeredAt: string, overrides: Record<string, unknown> = {}) => ({
  riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
  presentingProblems: ['low-mood', 'panic'],
  consent: { personConsented: true, obtainedBy: 'specialist', obtainedAt: new Date(Date.parse(answeredAt) - 3_600_000).toISOString() },
  ...overrides,
});

export const validAnswer = (overrides: Record<string, unknown> = {}) => ({
  formulation: {
    presentingDifficulties: 'Low mood and withdrawal',
    historyAndContext: 'Bereavement two years ago',
    maintainingFactors: 'Avoidance',
    strengths: 'Supportive partner',
    risk: 'Low',
    narrative: 'Unresolved grief maintained by avoidance.',
  },
  advice: 'Offer behavioural activation; review in four weeks.',
  outcome: 'manage-in-primary-care',
  specialism: 'psychotherapist',
  ...overrides,
});

/** Publishes the consultation service's offering (idempotent: the same offering again writes nothing). */
export async function publishOffering(service: ConsultationsTestApp, overrides: Record<string, unknown> = {}): Promise<void> {
  await (await service.as(SERVICE_ADMIN)).put(`/offerings/${SERVICE_ADMIN.org}`).send({ ...validOffering, ...overrides }).expect(200);
}
