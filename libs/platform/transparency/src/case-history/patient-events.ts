import type { SignedTreeHead } from '../heads/tree-head';
import { EventNotInLogError, type TransparencyTree } from '../log/transparency-tree';
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
    `SELECT l.global_position, e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, e.prev_hash
       FROM "${eventStoreSchema}".log l JOIN "${eventStoreSchema}".events e ON e.seq = l.seq
      WHERE e.metadata->>'patientSubjectId' = $1 AND l.recorded_at <= $2::timestamptz
      ORDER BY l.global_position`,
    [patientSubjectId, asOf],
  )) as { global_position: string; event_id: string; stream_id: string; revision: string; type: string; data: unknown; metadata: unknown; prev_hash: string }[];
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
    events.push({
      position: Number(row.global_position),
      stream: row.stream_id,
      revision: Number(row.revision),
      type: row.type,
      id: row.event_id,
      data: row.data,
      metadata: row.metadata,
      previousHash: row.prev_hash,
      leafIndex,
      proof: proof.map((hash) => hash.toString('hex')),
    });
  }
  return { format: REPORT_FORMAT, log: head.log, scope: 'events', treeHead: head, events };
}
