import type { SignedTreeHead } from '../heads/tree-head';
import type { EventStore } from '@stepwell/event-store';
import type { TransparencyTree } from '../log/transparency-tree';
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
 * The person's events are found by the event store's subject read (an index in PostgreSQL: the cost is the person's
 * record, not the log); their stored form, their leaves and the nodes of all their proofs are then read in one query
 * each (the nodes of one tree size shared between proofs), whatever the number of events.
 */
export async function patientEventsReport(options: {
  query: RunQuery;
  eventStoreSchema: string;
  tree: TransparencyTree;
  /** The signed head to prove against, given how many leaves it must hold (the events' last leaf index + 1). */
  headFor: (size: number) => Promise<SignedTreeHead>;
  /** The service's event store: its subject read names the person's events. */
  store: Pick<EventStore, 'readBySubject'>;
  /** Only events at or below this global position: the head the tree was caught up to. Default: the store's head. */
  upToPosition?: number;
  patientSubjectId: string;
  asOf: string;
}): Promise<TransparencyReport> {
  const { query, eventStoreSchema, tree, headFor, store, upToPosition, patientSubjectId, asOf } = options;
  const named = await store.readBySubject([patientSubjectId], upToPosition === undefined ? {} : { upToPosition });
  // The stored form (past any codec and upcaster), as committed at or before `asOf`.
  const rows =
    named.length === 0
      ? []
      : ((await query(
          `SELECT ${STORED_LOG_COLUMNS}
             FROM "${eventStoreSchema}".events e JOIN "${eventStoreSchema}".log l ON l.seq = e.seq
            WHERE e.event_id = ANY($1::uuid[]) AND l.recorded_at <= $2::timestamptz
            ORDER BY l.global_position`,
          [named.map((event) => event.id), asOf],
        )) as StoredLogRow[]);
  // An event not yet in the tree (committed after the caller waited for it) is left for a later head: the report
  // holds only what it proves.
  const leaves = await tree.leavesOfEvents(query, rows.map((row) => row.event_id));
  const found = rows.flatMap((row) => {
    const leaf = leaves.get(row.event_id);
    return leaf ? [{ row, leafIndex: leaf.leafIndex }] : [];
  });
  const head = await headFor(found.reduce((size, { leafIndex }) => Math.max(size, leafIndex + 1), 1));
  const proved = found.filter(({ leafIndex }) => leafIndex < head.treeSize);
  const proofs = await tree.inclusionProofs(query, proved.map(({ leafIndex }) => leafIndex), head.treeSize);
  const events: ReportEvent[] = proved.map(({ row, leafIndex }, index) => reportEventOf(row, leafIndex, proofs[index] ?? []));
  return { format: REPORT_FORMAT, log: head.log, scope: 'events', treeHead: head, events };
}
