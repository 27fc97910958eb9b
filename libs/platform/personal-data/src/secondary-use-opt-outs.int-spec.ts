import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import { createSecondaryUseOptOutsTable, notOptedOut, recordSecondaryUseOptOut } from './secondary-use-opt-outs';

describe('the national data opt-out table and clause', () => {
  let db: TestDatabase;
  let pool: Pool;
  const schema = 'some_service';

  beforeAll(async () => {
    db = await createTestDatabase('secondary_use_opt_outs');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await pool.query(`CREATE SCHEMA "${schema}"`);
    await createSecondaryUseOptOutsTable(pool, schema);
    await createSecondaryUseOptOutsTable(pool, schema);
    await pool.query(`CREATE TABLE "${schema}".episode (patient_subject_id text NOT NULL)`);
    await pool.query(`INSERT INTO "${schema}".episode VALUES ('p-in'), ('p-out'), ('p-back')`);
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  const counted = async () =>
    (await pool.query<{ id: string }>(`SELECT patient_subject_id AS id FROM "${schema}".episode e WHERE ${notOptedOut(schema, 'e.patient_subject_id')} ORDER BY 1`)).rows.map((row) => row.id);

  it('leaves out people who opted out, keeps those who never did or opted back in, in any order of delivery', async () => {
    expect(await counted()).toEqual(['p-back', 'p-in', 'p-out']);
    await recordSecondaryUseOptOut(pool, schema, { patientSubjectId: 'p-out', optedOut: true, changedAt: '2026-01-01T10:00:00.000Z' });
    // Opted out, then back in; the older change delivered again afterwards does not win.
    await recordSecondaryUseOptOut(pool, schema, { patientSubjectId: 'p-back', optedOut: true, changedAt: '2026-01-01T10:00:00.000Z' });
    await recordSecondaryUseOptOut(pool, schema, { patientSubjectId: 'p-back', optedOut: false, changedAt: '2026-02-01T10:00:00.000Z' });
    await recordSecondaryUseOptOut(pool, schema, { patientSubjectId: 'p-back', optedOut: true, changedAt: '2026-01-01T10:00:00.000Z' });
    expect(await counted()).toEqual(['p-back', 'p-in']);
  });

  it('refuses an unqualified column, which inside the subquery would name the opt-out table’s own and leave out everyone', () => {
    expect(() => notOptedOut(schema, 'patient_subject_id')).toThrow(/qualified column/);
  });
});
