/**
 * The national data opt-out (issue 15 item 5) in a service's own read-model schema: one row per person, kept from
 * `referrals.national-data-opt-out-changed`, and the one clause every secondary-use output (metrics, extracts, feeds)
 * adds to leave opted-out people out. Direct care never reads it. One table shape and one clause for every service,
 * so no output forgets it differently.
 */

/** The table (in the service's read-model schema). */
export const SECONDARY_USE_OPT_OUTS_TABLE = 'secondary_use_opt_outs';

/** What a migration or a consumer needs of a database handle (a TypeORM QueryRunner or EntityManager both fit). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

const quoted = (schema: string) => `"${schema.replace(/"/g, '""')}"`;

/** The migration's body: creates the table in `schema`. */
export async function createSecondaryUseOptOutsTable(runner: SqlRunner, schema: string): Promise<void> {
  await runner.query(`
    CREATE TABLE IF NOT EXISTS ${quoted(schema)}."${SECONDARY_USE_OPT_OUTS_TABLE}" (
      patient_subject_id text PRIMARY KEY,
      opted_out boolean NOT NULL,
      changed_at timestamptz NOT NULL
    )`);
}

export async function dropSecondaryUseOptOutsTable(runner: SqlRunner, schema: string): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS ${quoted(schema)}."${SECONDARY_USE_OPT_OUTS_TABLE}"`);
}

/**
 * Applies one change, keeping the latest by `changedAt` (a redelivered or late older change never overrides a newer
 * one), so a consumer may apply messages in any order and more than once.
 */
export async function recordSecondaryUseOptOut(
  runner: SqlRunner,
  schema: string,
  change: { patientSubjectId: string; optedOut: boolean; changedAt: string },
): Promise<void> {
  const table = `${quoted(schema)}."${SECONDARY_USE_OPT_OUTS_TABLE}"`;
  await runner.query(
    `INSERT INTO ${table} (patient_subject_id, opted_out, changed_at) VALUES ($1, $2, $3)
     ON CONFLICT (patient_subject_id) DO UPDATE SET opted_out = EXCLUDED.opted_out, changed_at = EXCLUDED.changed_at
     WHERE ${table}.changed_at <= EXCLUDED.changed_at`,
    [change.patientSubjectId, change.optedOut, change.changedAt],
  );
}

/**
 * The SQL condition that keeps a row of a secondary-use output only when its person has not opted out:
 * `subjectColumn` is the (qualified) column holding the patient subject id, e.g. `e.patient_subject_id`.
 */
export function notOptedOut(schema: string, subjectColumn: string): string {
  // Unqualified, the column would name the opt-out table's own inside the subquery and leave out everyone.
  if (!/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/i.test(subjectColumn)) throw new Error(`notOptedOut needs a qualified column (alias.column), not ${subjectColumn}`);
  return `NOT EXISTS (SELECT 1 FROM ${quoted(schema)}."${SECONDARY_USE_OPT_OUTS_TABLE}" opt_out
    WHERE opt_out.patient_subject_id = ${subjectColumn} AND opt_out.opted_out)`;
}
