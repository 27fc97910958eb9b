import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createTestIssuer, type TestIssuer, type TestUser } from '@stepwell/access/testing';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { createTestApp } from '@stepwell/http/testing';
import { ProjectionRunner } from '@stepwell/read-models';
import { createTestDatabase, type TestDatabase, TestClock } from '@stepwell/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { loadDirectoryConfig } from '../config';
import { DIRECTORY_STREAM } from '../domain';
import { DIRECTORY_HTTP } from '../shared/http-options';

type Agent = ReturnType<typeof request.agent>;


/** A voluntary-sector organisation's directory editor (owns what it lists). */
export const CHARITY_EDITOR: TestUser = { user: 'u-dir-ed-1', org: 'VS0042', orgType: 'voluntary-sector', roles: ['directory-editor'] };
/** Another voluntary-sector organisation's directory editor. */
export const OTHER_EDITOR: TestUser = { user: 'u-dir-ed-2', org: 'VS0099', orgType: 'voluntary-sector', roles: ['directory-editor'] };
/** The directory administrator of the commissioner that runs the local directory. */
export const DIRECTORY_ADMIN: TestUser = { user: 'u-dir-admin', org: 'QWE01', orgType: 'commissioner', roles: ['directory-admin'] };
/** A link worker: reads the public directory, edits nothing. */
export const LINK_WORKER: TestUser = { user: 'u-vs-1', org: 'VS0042', orgType: 'voluntary-sector', roles: ['link-worker'] };
/** A debt-advice charity: its directory editor lists the service, its worker answers social prescriptions to it. */
export const DEBT_EDITOR: TestUser = { user: 'u-debt-ed', org: 'VS0077', orgType: 'voluntary-sector', roles: ['directory-editor'] };
export const DEBT_WORKER: TestUser = { user: 'u-debt-1', org: 'VS0077', orgType: 'voluntary-sector', roles: ['link-worker'] };
/** Another community organisation, never referred to. */
export const OTHER_COMMUNITY_WORKER: TestUser = { user: 'u-vs-9', org: 'VS0099', orgType: 'voluntary-sector', roles: ['link-worker', 'admin'] };
/** A GP clinician: made the referral to the link worker, but holds nothing in the directory. */
export const GP_CLINICIAN: TestUser = { user: 'u-gp-1', org: 'A81001', orgType: 'gp-practice', roles: ['clinician', 'referrer'] };

export const SAMPLE_FEED_PATH = join(__dirname, '../../test/fixtures/sample-feed.json');
export const sampleFeed = (): Record<string, unknown[]> => JSON.parse(readFileSync(SAMPLE_FEED_PATH, 'utf8')) as Record<string, unknown[]>;

export interface DirectoryTestApp {
  app: INestApplication;
  database: TestDatabase;
  store: EventStore;
  dataSource: DataSource;
  clock: TestClock;
  issuer: TestIssuer;
  as(who: TestUser): Promise<Agent>;
  anonymous(): ReturnType<typeof request>;
  settled(): Promise<void>;
  /** Events of the directory's own streams (listings and social prescriptions), in commit order. */
  domainEvents(): Promise<RecordedEvent[]>;
  /** The access trail of one person (`access-<patientSubjectId>`). */
  accessEvents(patientSubjectId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function startDirectoryTestApp(label: string): Promise<DirectoryTestApp> {
  const database = await createTestDatabase(label);
  const issuer = createTestIssuer();
  // The reply-window check never runs by itself: tests run it with instants from the test clock.
  const config = loadDirectoryConfig(undefined, { DATABASE_URL: database.url, ...issuer.env, SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS: '0' });
  const clock = new TestClock();
  const app = await createTestApp(AppModule.forRoot(config, { clock }), DIRECTORY_HTTP);
  const store = app.get<EventStore>(EVENT_STORE);
  const runner = app.get(ProjectionRunner);
  // The start-up seed appended the vocabulary without waiting: let the read models catch up before tests read them.
  await runner.settled();
  return {
    app,
    database,
    store,
    dataSource: app.get(DataSource),
    clock,
    issuer,
    as: async (who) => request.agent(app.getHttpServer()).set('Authorization', await issuer.bearer(who)),
    anonymous: () => request(app.getHttpServer()),
    settled: () => runner.settled(),
    domainEvents: async () => (await store.readAll()).filter((e) => DIRECTORY_STREAM.test(e.streamId)),
    accessEvents: async (patientSubjectId) => (await store.readAll()).filter((e) => e.streamId === `access-${patientSubjectId}`),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
