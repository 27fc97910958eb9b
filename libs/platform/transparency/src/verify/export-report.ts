import type { SignedTreeHead } from '../heads/tree-head';
import type { TransparencyTree } from '../log/transparency-tree';
import { REPORT_FORMAT, type ReportEvent, type TransparencyReport } from './report';

/** A row of the PostgreSQL event store's log joined to its event, in stored form (past any codec). */
export interface StoredLogRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: unknown;
  prev_hash: string;
}

/** The columns of `StoredLogRow`, for `SELECT … FROM <schema>.log l JOIN <schema>.events e ON e.seq = l.seq`. */
export const STORED_LOG_COLUMNS = 'l.global_position, e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, e.prev_hash';

/** One event of a report: its stored form and previous link, its leaf and its inclusion proof (hex). */
export function reportEventOf(row: StoredLogRow, leafIndex: number, proof: readonly Buffer[]): ReportEvent {
  return {
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
  };
}

/**
 * The whole log up to `head` as the database holds it now (stored form, read straight from the PostgreSQL event
 * store's tables, past any codec) with inclusion proofs from the tree as the database holds it now: what an auditor
 * takes away and checks with `verify` against heads they kept. Nothing here is trusted by the verifier.
 */
export async function exportLogReport(options: {
  /** Runs SQL on the service's database (a TypeORM DataSource's or a pg Pool's `query`, bound). */
  query: (sql: string, parameters?: unknown[]) => Promise<unknown>;
  eventStoreSchema: string;
  tree: TransparencyTree;
  head: SignedTreeHead;
}): Promise<TransparencyReport> {
  const { query, eventStoreSchema, tree, head } = options;
  const rows = (await query(
    `SELECT ${STORED_LOG_COLUMNS}
       FROM "${eventStoreSchema}".log l JOIN "${eventStoreSchema}".events e ON e.seq = l.seq
      ORDER BY l.global_position LIMIT $1`,
    [head.treeSize],
  )) as StoredLogRow[];
  const size = await tree.size(query);
  const events: ReportEvent[] = [];
  for (const [index, row] of rows.entries()) {
    const proof = index < head.treeSize && head.treeSize <= size ? await tree.inclusionProof(query, index, head.treeSize) : [];
    events.push(reportEventOf(row, index, proof));
  }
  return { format: REPORT_FORMAT, log: head.log, scope: 'log', treeHead: head, events };
}
