import type { INestApplication } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@stepwell/event-store';
import { createTestApp } from '@stepwell/http';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import request from 'supertest';
import { AppModule } from '../app.module';
import { loadReferralsConfig } from '../config';
import { EVENT_STORE } from '../event-store.module';
import { REFERRALS_HTTP } from '../http-options';

export interface ReferralsTestApp {
  app: INestApplication;
  database: TestDatabase;
  store: EventStore;
  http(): ReturnType<typeof request>;
  /** Every event in the service's store, in commit order: what the requests really wrote. */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** The referrals service on a fresh database of its own, with its real PostgreSQL event store. */
export async function startReferralsTestApp(label: string): Promise<ReferralsTestApp> {
  const database = await createTestDatabase(label);
  const app = await createTestApp(AppModule.forRoot(loadReferralsConfig(undefined, { DATABASE_URL: database.url })), REFERRALS_HTTP);
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    database,
    store,
    http: () => request(app.getHttpServer()),
    allEvents: () => store.readAll(),
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const validReferral = {
  source: 'gp',
  receivingOrganisation: 'RX4',
  urgency: 'routine',
  reason: 'Low mood and poor sleep for three months',
} as const;
