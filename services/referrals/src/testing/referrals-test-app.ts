import type { INestApplication } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import type { Clock, ServiceHttpOptions } from '@stepwell/http';
import { createTestApp } from '@stepwell/http/testing';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { AppModule } from '../app.module';
import { loadReferralsConfig } from '../config';
import { REFERRALS_HTTP } from '../shared/http-options';
import { nhsNumberCheckDigit } from '../domain/patient-identity/nhs-number';

type Agent = ReturnType<typeof request.agent>;

/** Who the requests of `http()` come from: a GP clinician who is also a referrer. */
export const DEFAULT_USER: TestUser = users.gpClinician;

export interface ReferralsTestApp {
  app: INestApplication;
  database: TestDatabase;
  store: EventStore;
  issuer: TestIssuer;
  /** Requests carrying a valid token of DEFAULT_USER. */
  http(): Agent;
  /** Requests carrying a valid token of `who`. */
  as(who: TestUser): Promise<Agent>;
  /** Requests without any token. */
  anonymous(): ReturnType<typeof request>;
  /** Every event in the service's store, in commit order: what the requests really wrote. */
  /**
   * Every event in the store once the projections and reactors have handled the log (the gap watch's reactor appends
   * after a triage: a "nothing written" comparison must not catch an earlier request's side effect half-way).
   */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/**
 * The referrals service on a fresh database of its own, with its real PostgreSQL event store, trusting a test issuer.
 * `limits` overrides HTTP edge limits (e.g. a long request timeout for a suite that loads a shared machine);
 * `clock` replaces the system clock where handlers read the time.
 */
export async function startReferralsTestApp(
  label: string,
  env: Record<string, string> = {},
  limits: ServiceHttpOptions['limits'] = {},
  options: { clock?: Clock } = {},
): Promise<ReferralsTestApp> {
  const database = await createTestDatabase(label);
  const issuer = createTestIssuer();
  const config = loadReferralsConfig(undefined, { DATABASE_URL: database.url, ...issuer.env, ...env });
  const app = await createTestApp(AppModule.forRoot(config, options), { ...REFERRALS_HTTP, limits: { ...REFERRALS_HTTP.limits, ...limits } });
  const store = app.get<EventStore>(EVENT_STORE);
  const as = async (who: TestUser): Promise<Agent> =>
    request.agent(app.getHttpServer()).set('Authorization', await issuer.bearer(who));
  const defaultAgent = await as(DEFAULT_USER);
  return {
    app,
    database,
    store,
    issuer,
    http: () => defaultAgent,
    as,
    anonymous: () => request(app.getHttpServer()),
    async allEvents() {
      await app.get(ProjectionRunner).settled();
      return store.readAll();
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A patient with a valid (test-range) NHS number; vary `givenName` or `nhsNumber` for another person. */
export const validPatient = {
  nhsNumber: '9434765919',
  givenName: 'Ann',
  familyName: 'Example',
  dateOfBirth: '1990-04-01',
  postcode: 'LS1 4AP',
  phone: '0113 496 0000',
  preferredLanguage: 'en',
  interpreterNeeded: false,
};

export const noRisk = { selfHarm: false, suicidalThoughts: false, harmToOthers: false };

export const validReferral = {
  source: 'gp',
  patient: validPatient,
  // The talking-therapies service of users.therapist: it gains a relationship as the receiving service.
  receivingOrganisation: 'RXT01',
  urgency: 'routine',
  reason: 'Low mood and poor sleep for three months',
  presentingProblems: ['low-mood', 'sleep'],
  riskIndicators: noRisk,
  consentToShare: true,
  registeredGpPractice: 'A81001',
} as const;

/** Valid NHS numbers (Modulus 11, by the domain's own check-digit rule), one per person a test needs. */
export function nhsNumberFor(seed: number): string {
  for (let n = seed; ; n++) {
    const nine = String(900000000 + (n % 99999999)).padStart(9, '0');
    const check = nhsNumberCheckDigit(nine);
    if (check !== null) return `${nine}${check}`;
  }
}

/** The referral form for a distinct person (by NHS number). */
export function referralFor(seed: number, overrides: Record<string, unknown> = {}) {
  return { ...validReferral, patient: { ...validPatient, nhsNumber: nhsNumberFor(seed) }, ...overrides };
}
