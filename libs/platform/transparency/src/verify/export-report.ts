import type { SignedTreeHead } from '../heads/tree-head';
import type { TransparencyTree } from '../log/transparency-tree';
import { REPORT_FORMAT, type ReportEvent, type TransparencyReport } from './report';

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
    `SELECT l.global_position, e.event_id, e.stream_id, e.revision, e.type, e.data, e.metadata, e.prev_hash
       FROM "${eventStoreSchema}".log l JOIN "${eventStoreSchema}".events e ON e.seq = l.seq
      ORDER BY l.global_position LIMIT $1`,
    [head.treeSize],
  )) as { global_position: string; event_id: string; stream_id: string; revision: string; type: string; data: unknown; metadata: unknown; prev_hash: string }[];
  const size = await tree.size(query);
  const events: ReportEvent[] = [];
  for (const [index, row] of rows.entries()) {
    const proof = index < head.treeSize && head.treeSize <= size ? await tree.inclusionProof(query, index, head.treeSize) : [];
    events.push({
      position: Number(row.global_position),
      stream: row.stream_id,
      revision: Number(row.revision),
      type: row.type,
      id: row.event_id,
      data: row.data,
      metadata: row.metadata,
      previousHash: row.prev_hash,
      leafIndex: index,
      proof: proof.map((hash) => hash.toString('hex')),
    });
  }
  return { format: REPORT_FORMAT, log: head.log, scope: 'log', treeHead: head, events };
}
