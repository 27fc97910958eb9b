import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { type SubjectAccessRelationships, subjectAccessRelationshipsFrom } from './subject-access';

/** The one provider of the kinds a service's own records give (consultations' and the directory's shape). */
describe('subjectAccessRelationshipsFrom', () => {
  let database: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    database = await createTestDatabase('record_relationships');
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`CREATE SCHEMA consultations`);
    await client.query(`CREATE TABLE consultations.consultations (id text PRIMARY KEY, patient_subject_id text NOT NULL,
      requesting_organisation_id text NOT NULL, consultation_service_id text NOT NULL)`);
    await client.query(`INSERT INTO consultations.consultations VALUES ('c1', 'p1', 'GP1', 'PSY1'), ('c2', 'p1', 'GP2', 'GP1'), ('c3', 'p2', 'GP3', 'PSY1')`);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  const lookup = (): SubjectAccessRelationships => {
    const provider = subjectAccessRelationshipsFrom({
      schema: 'consultations',
      table: 'consultations',
      kinds: { 'consultation-requester': 'requesting_organisation_id', consulting: 'consultation_service_id' },
    }) as { useFactory: (dataSource: DataSource) => SubjectAccessRelationships };
    const dataSource = { query: async (sql: string, parameters: unknown[]) => (await client.query(sql, parameters)).rows } as unknown as DataSource;
    return provider.useFactory(dataSource);
  };

  it('gives each kind of any of the person’s records that names the organisation, and nothing from another person’s', async () => {
    const relationships = lookup();
    expect(await relationships.kindsOf('GP1', 'p1')).toEqual(['consultation-requester', 'consulting']);
    expect(await relationships.kindsOf('PSY1', 'p1')).toEqual(['consulting']);
    expect(await relationships.kindsOf('GP2', 'p1')).toEqual(['consultation-requester']);
    expect(await relationships.kindsOf('GP3', 'p1')).toEqual([]);
    expect(await relationships.kindsOf('GP1', 'nobody')).toEqual([]);
  });

  it('refuses a name that is not a plain SQL name before any query', () => {
    expect(() => subjectAccessRelationshipsFrom({ schema: 'x"; DROP TABLE y; --', table: 't', kinds: { consulting: 'c' } })).toThrow(/plain lower-case SQL name/);
  });
});
