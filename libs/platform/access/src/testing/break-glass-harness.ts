import type { INestApplication } from '@nestjs/common';
import { createPostgresEventStore, type PostgresEventStore, type RecordedEvent } from '@stepwell/event-store';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { accessStreamId } from '../audit/access-events';
import { applyCareRelationshipEvent } from '../relationships/apply-care-relationship-event';
import type { CareRelationshipParticipant } from '../relationships/care-relationship-event';
import { createAccessTestApp } from './access-test-app';
import { createRelationshipDatabase, type RelationshipDatabase } from './relationship-database';
import { createTestKeys, mintToken, testAuthConfig, type TestKeys, type TestUser } from './test-tokens';

/** A clock the test moves; it starts at the real time, so no test date expires. */
export class MovableClock {
  private current = new Date();
  now = (): Date => this.current;
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

export interface BreakGlassHarness {
  app: INestApplication;
  store: PostgresEventStore;
  clock: MovableClock;
  send(method: 'get' | 'post', path: string, who: TestUser, headers?: Record<string, string>, body?: object): Promise<request.Response>;
  relate(patientSubjectId: string, ...participants: CareRelationshipParticipant[]): Promise<void>;
  accessEvents(patientSubjectId: string): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

let organisations = 0;
/** A clinician (or another role) of an organisation no other test uses, so queue totals are exact. */
export function freshUser(orgType: TestUser['orgType'], roles: TestUser['roles'], org?: string): TestUser {
  organisations += 1;
  const code = org ?? `T${String(organisations).padStart(3, '0')}${randomUUID().slice(0, 4).toUpperCase()}`;
  return { user: `u-${code.toLowerCase()}-${roles.join('-')}`, org: code, orgType, roles };
}

export const newPatient = (): string => `p-${randomUUID()}`;

/** The access test app on a fresh database with the real PostgreSQL event store and a movable clock. */
export async function startBreakGlassHarness(label: string): Promise<BreakGlassHarness> {
  const keys: TestKeys = createTestKeys();
  const db: RelationshipDatabase = await createRelationshipDatabase(label);
  const store = await createPostgresEventStore({ connectionString: db.database.url, schema: 'event_store' });
  const clock = new MovableClock();
  const app = await createAccessTestApp({ auth: testAuthConfig(keys), eventStore: store, dataSource: db.dataSource, clock: clock.now });
  const tokens = new Map<string, string>();
  return {
    app,
    store,
    clock,
    async send(method, path, who, headers = {}, body) {
      const key = `${who.user}@${who.org}`;
      const token = tokens.get(key) ?? (await mintToken(keys, who));
      tokens.set(key, token);
      let call = request(app.getHttpServer())[method](path).set('Authorization', `Bearer ${token}`);
      for (const [name, value] of Object.entries(headers)) call = call.set(name, value);
      return body === undefined ? call : call.send(body);
    },
    async relate(patientSubjectId, ...participants) {
      await applyCareRelationshipEvent(db.dataSource.manager, {
        eventId: randomUUID(),
        eventType: 'test.hand-made.v1',
        patientSubjectId,
        occurredAt: clock.now().toISOString(),
        participants,
      });
    },
    accessEvents: (patientSubjectId) => store.readStream(accessStreamId(patientSubjectId)),
    async close() {
      await app.close();
      await store.close();
      await db.close();
    },
  };
}
