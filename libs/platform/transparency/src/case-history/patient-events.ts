import type { SignedTreeHead } from '../heads/tree-head';
import { EventNotInLogError, type TransparencyTree } from '../log/transparency-tree';
import { reportEventOf, STORED_LOG_COLUMNS, type StoredLogRow } from '../verify/export-report';
import { REPORT_FORMAT, type ReportEvent, type TransparencyReport } from '../verify/report';

/** Runs SQL on the service's database (a TypeORM DataSource's or a pg Pool's `query`, bound). */
export type RunQuery = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * One service's part of a patient's case history (issue 19 item 3): every event of its log that names the person
 * (`metadata.patientSubjectId`: their referrals, episodes, appointments, measures, consultations, social
 * prescriptions, and the access trail of who read the record), as recorded at `asOf` (committed at or before it), in
 * their STORED form with their previous chain link and an inclusion proof against `head`. `npm run audit -- verify`
 * and the case-history command check each event against a head signed by the service's key; nothing here is trusted.
 *
 * The log has no index by person, so this reads the service's log (a scan), like the subject access collector: its
 * cost grows with the log, which is acceptable for an audit, not for a clinical screen.
 */
export async function patientEventsReport(options: {
  query: RunQuery;
  eventStoreSchema: string;
  tree: TransparencyTree;
  /** The signed head to prove against, given how many leaves it must hold (the events' last leaf index + 1). */
  headFor: (size: number) => Promise<SignedTreeHead>;
  patientSubjectId: string;
  asOf: string;
}): Promise<TransparencyReport> {
  const { query, eventStoreSchema, tree, headFor, patientSubjectId, asOf } = options;
  const rows = (await query(
    `SELECT ${STORED_LOG_COLUMNS}
       FROM "${eventStoreSchema}".log l JOIN "${eventStoreSchema}".events e ON e.seq = l.seq
      WHERE e.metadata->>'patientSubjectId' = $1 AND l.recorded_at <= $2::timestamptz
      ORDER BY l.global_position`,
    [patientSubjectId, asOf],
  )) as StoredLogRow[];
  const found: Array<{ row: (typeof rows)[number]; leafIndex: number }> = [];
  for (const row of rows) {
    // An event not yet in the tree (committed after the caller waited for it) is left for a later head: the report
    // holds only what it proves.
    const leaf = await tree.leafOfEvent(query, row.event_id).catch((error: unknown) => {
      if (error instanceof EventNotInLogError) return null;
      throw error;
    });
    if (leaf) found.push({ row, leafIndex: leaf.leafIndex });
  }
  const head = await headFor(found.reduce((size, { leafIndex }) => Math.max(size, leafIndex + 1), 1));
  const events: ReportEvent[] = [];
  for (const { row, leafIndex } of found) {
    if (leafIndex >= head.treeSize) continue;
    const proof = await tree.inclusionProof(query, leafIndex, head.treeSize);
    events.push(reportEventOf(row, leafIndex, proof));
  }
  return { format: REPORT_FORMAT, log: head.log, scope: 'events', treeHead: head, events };
}
