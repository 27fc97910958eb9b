import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '@stepwell/event-store';
import { CreateProjectionCheckpoints1763700000000, openReadModelDataSource, ProjectionRunner } from '@stepwell/read-models';
import { clockPast, createTestDatabase, type TestDatabase } from '@stepwell/testing';
import type { DataSource } from 'typeorm';
import { TreeHeadSigner, type SignedTreeHead } from '../heads/tree-head';
import { TreeHeads } from '../heads/tree-heads.service';
import { TRANSPARENCY_MIGRATIONS } from '../log/create-transparency-log.migration';
import { EventNotInLogError, TransparencyLogProjection, TransparencyTree } from '../log/transparency-tree';
import { reportEventOf, STORED_LOG_COLUMNS, type StoredLogRow } from '../verify/export-report';
import { REPORT_FORMAT, type ReportEvent, type TransparencyReport } from '../verify/report';
import { patientEventsReport, type RunQuery } from './patient-events';

const SCHEMA = 'history_events';

const about = (patientSubjectId: string | undefined): NewEvent => ({
  id: randomUUID(),
  type: 'Noted',
  data: { n: randomUUID() },
  metadata: {
    occurredAt: new Date().toISOString(),
    correlationId: 'c',
    causationId: null,
    actor: { userId: 'u', organisationId: 'X1', role: 'clinician' },
    ...(patientSubjectId === undefined ? {} : { patientSubjectId }),
    schemaVersion: 1,
  },
});

/**
 * The report as it was built before the subject read (a scan of the log on the metadata field, then one leaf and one
 * proof query per event), kept here literally as the reference the new one must equal byte for byte.
 */
async function referenceReport(query: RunQuery, tree: TransparencyTree, headFor: (size: number) => Promise<SignedTreeHead>, patientSubjectId: string, asOf: string): Promise<TransparencyReport> {
  const rows = (await query(
    `SELECT ${STORED_LOG_COLUMNS}
       FROM "${SCHEMA}".log l JOIN "${SCHEMA}".events e ON e.seq = l.seq
      WHERE e.metadata->>'patientSubjectId' = $1 AND l.recorded_at <= $2::timestamptz
      ORDER BY l.global_position`,
    [patientSubjectId, asOf],
  )) as StoredLogRow[];
  const found: Array<{ row: StoredLogRow; leafIndex: number }> = [];
  for (const row of rows) {
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
    events.push(reportEventOf(row, leafIndex, await tree.inclusionProof(query, leafIndex, head.treeSize)));
  }
  return { format: REPORT_FORMAT, log: head.log, scope: 'events', treeHead: head, events };
}


describe('a patient’s events with proofs (one service’s part of the case history)', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let dataSource: DataSource;
  let runner: ProjectionRunner;
  let tree: TransparencyTree;
  let heads: TreeHeads;
  let queries = 0;
  const query: RunQuery = (sql, parameters) => {
    queries += 1;
    return dataSource.query(sql, parameters) as Promise<unknown>;
  };

  beforeAll(async () => {
    database = await createTestDatabase('transparency_case_history');
    store = await createPostgresEventStore({ connectionString: database.url, schema: SCHEMA });
    dataSource = await openReadModelDataSource({
      service: 'history',
      url: database.url,
      entities: [],
      migrations: [CreateProjectionCheckpoints1763700000000, ...TRANSPARENCY_MIGRATIONS],
    });
    tree = TransparencyTree.of(dataSource);
    heads = new TreeHeads({ service: 'history', dataSource, tree, signer: TreeHeadSigner.ephemeral() });
    runner = new ProjectionRunner({ store, dataSource, projections: [new TransparencyLogProjection(tree)], restartDelayMs: 20, pageSize: 50 });
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await dataSource.destroy();
    await store.close();
    await database.drop();
  });

  const subjects = ['person-a', 'person-b', undefined];
  const append = async (count: number, offset: number): Promise<number> => {
    let position = 0;
    for (let i = offset; i < offset + count; i++) {
      const streamId = i % 5 === 0 ? `access-person-a` : `referral-${i % 3}`;
      position = (await store.appendToStream(streamId, [about(subjects[i % 3])], { expectedRevision: 'any' })).lastGlobalPosition;
    }
    await runner.waitFor(position);
    return position;
  };

  it('answers the same document as the per-event reads did, for now and for an earlier instant, in a constant number of queries', async () => {
    await append(45, 0);
    await heads.issue(); // a head of 45 leaves: the earlier instant's events prove against it
    const earlier = new Date().toISOString();
    await clockPast(earlier);
    const head = await append(52, 45);
    const headFor = async (size: number) => (await heads.firstCovering(size)) ?? (await heads.issue());

    for (const asOf of [new Date().toISOString(), earlier]) {
      for (const patientSubjectId of ['person-a', 'person-b', 'nobody']) {
        const expected = await referenceReport(query, tree, headFor, patientSubjectId, asOf);
        queries = 0;
        const report = await patientEventsReport({ query, eventStoreSchema: SCHEMA, tree, headFor, store, upToPosition: head, patientSubjectId, asOf });
        expect(queries).toBeLessThanOrEqual(5); // stored rows, leaves, tree size, leaf and inner nodes
        expect(JSON.stringify(report)).toBe(JSON.stringify(expected));
        if (patientSubjectId !== 'nobody') expect(report.events.length).toBeGreaterThan(10);
      }
    }
  });
});
