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
export const newPatient = (): string => `p-cn-${process.pid}-${++patients}`;

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
  ...overrides,
});

/** Publishes the consultation service's offering (idempotent: the same offering again writes nothing). */
export async function publishOffering(service: ConsultationsTestApp, overrides: Record<string, unknown> = {}): Promise<void> {
  await (await service.as(SERVICE_ADMIN)).put(`/offerings/${SERVICE_ADMIN.org}`).send({ ...validOffering, ...overrides }).expect(200);
}
