import type { INestApplication } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import type { Clock, ServiceHttpOptions } from '@stepwell/http';
import { createTestApp } from '@stepwell/http/testing';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { ServiceListedV1Contract, type ServiceListedV1 } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AppModule } from '../app.module';
import { DirectoryEventsConsumer } from '../integration/directory-events.consumer';
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
  /**
   * The directory lists a service (issue 17 item 4): a `directory.service-listed` v1 message handed to the directory
   * consumer as the transport would, so a signpost may name it. Defaults: an active service of VS0001.
   */
  listDirectoryService(listing?: Partial<ServiceListedV1>): Promise<ServiceListedV1>;
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
    async listDirectoryService(overrides = {}) {
      const listing: ServiceListedV1 = {
        serviceId: `svc-${randomUUID()}`,
        organizationId: 'org-test-charity',
        ownerOrganisationId: 'VS0001',
        name: 'Test peer support group',
        status: 'active',
        listedAt: new Date().toISOString(),
        ...overrides,
      };
      const event = createIntegrationEvent(ServiceListedV1Contract, listing, { patientSubjectId: null, occurredAt: listing.listedAt, correlationId: randomUUID(), causationId: null });
      await app.get(DirectoryEventsConsumer).onServiceListed(event);
      return listing;
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
