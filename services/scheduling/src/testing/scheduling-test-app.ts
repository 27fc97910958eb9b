import type { INestApplication } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { ReferralAcceptedV1Contract, type ReferralUrgency } from '@stepwell/contracts';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { createTestApp } from '@stepwell/http/testing';
import { createIntegrationEvent } from '@stepwell/messaging';
import { ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase, TestClock, testNow } from '@stepwell/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadSchedulingConfig } from '../config';
import { EpisodesConsumer } from '../integration/episodes.consumer';
import { SCHEDULING_HTTP } from '../shared/http-options';

type Agent = ReturnType<typeof request.agent>;


/** The scheduling test organisation: a GP practice with an administrator (books) and a clinician. */
export const PRACTICE_ADMIN: TestUser = users.admin;
export const PRACTICE_CLINICIAN: TestUser = users.gpClinician;

export interface SchedulingTestApp {
  app: INestApplication;
  database: TestDatabase;
  store: EventStore;
  dataSource: DataSource;
  clock: TestClock;
  issuer: TestIssuer;
  /** Requests carrying a valid token of PRACTICE_ADMIN. */
  http(): Agent;
  as(who: TestUser): Promise<Agent>;
  anonymous(): ReturnType<typeof request>;
  /** Resolves once projections and reactors (reminders, refill offers) have handled everything written so far. */
  settled(): Promise<void>;
  allEvents(): Promise<RecordedEvent[]>;
  /** Events of the service's own streams (not the access trail), in commit order. */
  domainEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function startSchedulingTestApp(label: string): Promise<SchedulingTestApp> {
  const database = await createTestDatabase(label);
  const issuer = createTestIssuer();
  const config = loadSchedulingConfig(undefined, { DATABASE_URL: database.url, ...issuer.env });
  const clock = new TestClock();
  const app = await createTestApp(AppModule.forRoot(config, { clock }), SCHEDULING_HTTP);
  const store = app.get<EventStore>(EVENT_STORE);
  const as = async (who: TestUser): Promise<Agent> => request.agent(app.getHttpServer()).set('Authorization', await issuer.bearer(who));
  const defaultAgent = await as(PRACTICE_ADMIN);
  const ownCategories = /^(clinician|diary|slot|engagement|groupsession)-/;
  return {
    app,
    database,
    store,
    dataSource: app.get(DataSource),
    clock,
    issuer,
    http: () => defaultAgent,
    as,
    anonymous: () => request(app.getHttpServer()),
    settled: () => app.get(ProjectionRunner).settled(),
    allEvents: () => store.readAll(),
    domainEvents: async () => (await store.readAll()).filter((e) => ownCategories.test(e.streamId)),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const validClinician = {
  name: 'Dr A Example',
  organisation: PRACTICE_ADMIN.org,
  role: 'psychologist',
  languages: ['en', 'pl'],
  sites: ['site-1'],
} as const;

/** A Europe/London date `days` ahead of the test clock's today (UTC date arithmetic; days ≥ 2 keeps it in the future). */
export function dateAhead(days: number): string {
  return new Date(testNow() + days * 86_400_000).toISOString().slice(0, 10);
}

export const validSession = {
  date: dateAhead(3),
  startTime: '09:00',
  endTime: '10:00',
  slotLengthMinutes: 30,
  modes: ['face-to-face', 'telephone'],
  site: 'site-1',
  purposes: ['assessment', 'treatment'],
  embargo: 'none',
} as const;

/** Registers a clinician of PRACTICE_ADMIN's organisation and returns its id. */
export async function registerClinician(service: SchedulingTestApp, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await service.http().post('/clinicians').send({ ...validClinician, ...overrides }).expect(201);
  return response.body.id as string;
}

/**
 * Makes `organisation` the provider of `episodeId` for `patientSubjectId` in scheduling's read model, the way
 * production learns it: a referrals-service acceptance event through the episodes consumer (which also records the
 * step-provider care relationship). Booking is refused for an episode scheduling does not know this way.
 */
export async function provideEpisode(
  service: SchedulingTestApp,
  episode: { episodeId: string; patientSubjectId: string; organisation?: string; referredAt?: string; urgency?: ReferralUrgency },
): Promise<void> {
  const referredAt = episode.referredAt ?? new Date(testNow() - 30 * 86_400_000).toISOString();
  const organisation = episode.organisation ?? PRACTICE_ADMIN.org;
  await service.app.get(EpisodesConsumer).onReferralAccepted(
    createIntegrationEvent(
      ReferralAcceptedV1Contract,
      {
        referralId: `ref-${episode.episodeId}`,
        episodeId: episode.episodeId,
        step: 'step-2',
        providingOrganisationId: organisation,
        receivingOrganisationId: organisation,
        urgency: episode.urgency ?? 'routine',
        referredAt,
        acceptedAt: referredAt,
      },
      { patientSubjectId: episode.patientSubjectId, occurredAt: referredAt, correlationId: 'c-provide-episode', causationId: null },
    ),
  );
}
