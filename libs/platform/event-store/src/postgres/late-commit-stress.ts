import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import type { NewEvent, RecordedEvent, Subscription } from '../event-store.port';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';
import { toSafeNumber } from './postgres-rows';

/**
 * The late-commit stress run behind the stress test and `bench/late-commit-stress.mjs`: many writers commit in
 * random order after random delays (some after their positions are already drawn), catch-up readers follow the
 * log, and every reader's deliveries are compared with the final log. A naive reader that reads "id greater than
 * the last one seen" over the events table's own id is the control: one transaction is held open until that reader
 * has passed its id, so the control skips at least that event every run, which shows the comparison catches skips.
 */
export interface LateCommitStressOptions {
  connectionString: string;
  schema?: string;
  /** Events to append in all (excluding the control's held event). */
  events: number;
  writers?: number;
  readers?: number;
  /** Upper bound of each random delay before a commit, in milliseconds. */
  maxDelayMs?: number;
  progress?(line: string): void;
}

export interface ReaderReport {
  name: string;
  delivered: number;
  /** Events in the final log the reader never delivered. */
  skipped: number;
  /** Positions (or ids) delivered more than once. */
  duplicated: number;
  /** Deliveries whose position was not above the previous one. */
  outOfOrder: number;
}

export interface LateCommitStressReport {
  appended: number;
  logLength: number;
  /** Positions in the final log that are not strictly increasing or not unique (must be 0). */
  logDefects: number;
  /** Streams whose events do not appear in revision order in the log (must be 0). */
  streamOrderDefects: number;
  readers: ReaderReport[];
  control: ReaderReport & { heldEventSkipped: boolean };
  seconds: number;
}

const randomDelay = (maxMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * (maxMs + 1))));

function stressEvent(n: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'StressRecorded',
    data: { n },
    metadata: {
      occurredAt: new Date(0).toISOString(),
      correlationId: randomUUID(),
      causationId: null,
      actor: { userId: 'stress', organisationId: 'A81001', role: 'system' },
      schemaVersion: 1,
    },
  };
}

function compare(name: string, deliveredPositions: number[], log: Map<number, string>): ReaderReport {
  const seen = new Set<number>();
  let duplicated = 0;
  let outOfOrder = 0;
  let previous = 0;
  for (const position of deliveredPositions) {
    if (seen.has(position)) duplicated += 1;
    seen.add(position);
    if (position <= previous) outOfOrder += 1;
    previous = position;
  }
  let skipped = 0;
  for (const position of log.keys()) if (!seen.has(position)) skipped += 1;
  return { name, delivered: deliveredPositions.length, skipped, duplicated, outOfOrder };
}

async function readWholeLog(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: 10_000 });
    const last = page.at(-1);
    if (!last) return all;
    all.push(...page);
    after = last.globalPosition;
  }
}

export async function runLateCommitStress(options: LateCommitStressOptions): Promise<LateCommitStressReport> {
  const { connectionString, events: total } = options;
  const schema = options.schema ?? 'late_commit_stress';
  const writers = options.writers ?? 16;
  const readerCount = options.readers ?? 3;
  const maxDelayMs = options.maxDelayMs ?? 3;
  const progress = options.progress ?? (() => undefined);
  const started = performance.now();

  const writePool = new Pool({ connectionString, max: writers + 2 });
  writePool.on('error', () => undefined);
  const store = await createPostgresEventStore({ connectionString, pool: writePool, schema });
  // each reader on a store of its own, as in separate service instances
  const readerStores = await Promise.all(
    Array.from({ length: readerCount }, () => createPostgresEventStore({ connectionString, schema, migrate: false })),
  );
  // catch-up readers: page through $all after the last position seen, as a projection catching up does
  const delivered: number[][] = [];
  let readersRunning = true;
  const pageSizes = [7, 100, 500];
  const readers = readerStores.map(async (readerStore, index) => {
    const pageSize = pageSizes[index % pageSizes.length] ?? 100;
    let after = 0;
    const positions: number[] = [];
    delivered[index] = positions;
    for (;;) {
      const stopping = !readersRunning;
      const page = await readerStore.readAll({ after, maxCount: pageSize });
      for (const event of page) positions.push(event.globalPosition);
      const last = page.at(-1);
      if (last) after = last.globalPosition;
      else if (stopping) return;
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  });
  // and one durable subscription (it checkpoints every event, so it follows one writer's category only)
  const subscribed: number[] = [];
  const [firstReaderStore] = readerStores;
  if (!firstReaderStore) throw new Error('the stress run needs at least one reader');
  const subscriptions: Subscription[] = [
    await firstReaderStore.subscribe({
      subscriptionId: 'stress-subscription',
      source: { kind: 'category', category: 'stress0' },
      batchSize: 50,
      handle: async (event) => {
        subscribed.push(event.globalPosition);
      },
    }),
  ];

  // the control: "id > last" over the events table, as a reader unaware of late commits would do
  const controlIds: string[] = [];
  let controlLast = 0;
  let controlRunning = true;
  const controlPool = new Pool({ connectionString, max: 1 });
  controlPool.on('error', () => undefined);
  const control = (async () => {
    while (controlRunning) {
      const { rows } = await controlPool.query<{ seq: string; event_id: string }>(
        `SELECT seq, event_id FROM "${schema}".events WHERE seq > $1 ORDER BY seq LIMIT 1000`,
        [controlLast],
      );
      for (const row of rows) controlIds.push(row.event_id);
      const last = rows.at(-1);
      if (last) controlLast = toSafeNumber(last.seq);
      else await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();

  // held open until the control has read past its id: the late commit every run has
  const heldEvent = stressEvent(-1);
  const held: PoolClient = await writePool.connect();
  await held.query('BEGIN');
  await store.appendInTransaction(held, 'control-held', [heldEvent], { expectedRevision: 'no_stream' });
  const heldRow = (await held.query<{ seq: string }>(`SELECT seq FROM "${schema}".events WHERE event_id = $1`, [heldEvent.id])).rows[0];
  if (!heldRow) throw new Error('the held append is not visible to its own transaction');
  const heldSeq = toSafeNumber(heldRow.seq);
  let heldCommitted = false;

  let remaining = total;
  let appended = 0;
  const writing = Array.from({ length: writers }, async (_, writer) => {
    let stream = 0;
    let expected: number | 'no_stream' = 'no_stream';
    while (remaining > 0) {
      const size = Math.min(remaining, 1 + Math.floor(Math.random() * 5));
      remaining -= size;
      const batch = Array.from({ length: size }, (_, n) => stressEvent(n));
      // a fresh stream now and then, so creations race with appends
      if (Math.random() < 0.05) {
        stream += 1;
        expected = 'no_stream';
      }
      const streamId = `stress${writer}-${stream}`;
      if (Math.random() < 0.3) {
        expected = (await store.appendToStream(streamId, batch, { expectedRevision: expected })).nextExpectedRevision;
      } else {
        const client = await writePool.connect();
        try {
          await client.query('BEGIN');
          expected = (await store.appendInTransaction(client, streamId, batch, { expectedRevision: expected })).nextExpectedRevision;
          await randomDelay(maxDelayMs);
          if (Math.random() < 0.3) {
            // positions drawn now, commit later: the window a reader must not read past
            await client.query(`SET CONSTRAINTS "${schema}".sequence_append IMMEDIATE`);
            await randomDelay(maxDelayMs);
          }
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }
      appended += size;
      if (!heldCommitted && controlLast > heldSeq) {
        heldCommitted = true;
        await held.query('COMMIT');
        held.release();
        progress(`held transaction committed after the control read past it (${appended} events in)`);
      }
      if (appended % 10_000 < size) progress(`${appended}/${total} events appended`);
    }
  });
  try {
    await Promise.all(writing);
    if (!heldCommitted) {
      // the writers finished first: the control has certainly read past the held id once it reads their events
      while (controlLast <= heldSeq) await new Promise((resolve) => setTimeout(resolve, 5));
      heldCommitted = true;
      await held.query('COMMIT');
      held.release();
    }
    // every commit is done: the readers stop after their next empty page
    readersRunning = false;
    await Promise.all(readers);
    const head = await store.headPosition();
    await Promise.all(subscriptions.map((subscription) => subscription.waitForCheckpoint(head, 120_000)));
    // the control gets a last look too: it still cannot see the held event behind its id
    const lastLook = await controlPool.query<{ event_id: string }>(
      `SELECT event_id FROM "${schema}".events WHERE seq > $1 ORDER BY seq`,
      [controlLast],
    );
    controlRunning = false;
    await control;
    controlIds.push(...lastLook.rows.map((row) => row.event_id));

    const log = await readWholeLog(store);
    const byPosition = new Map(log.map((event) => [event.globalPosition, event.id]));
    let logDefects = byPosition.size === log.length ? 0 : log.length - byPosition.size;
    log.forEach((event, index) => {
      const previous = log[index - 1];
      if (previous && event.globalPosition <= previous.globalPosition) logDefects += 1;
    });
    const lastRevision = new Map<string, number>();
    let streamOrderDefects = 0;
    for (const event of log) {
      const previous = lastRevision.get(event.streamId) ?? -1;
      if (event.revision !== previous + 1) streamOrderDefects += 1;
      lastRevision.set(event.streamId, event.revision);
    }
    const positionOfId = new Map(log.map((event) => [event.id, event.globalPosition]));
    const controlPositions = controlIds.map((id) => positionOfId.get(id) ?? -1);
    const controlReport = compare('naive id > last (control)', controlPositions, byPosition);
    return {
      appended: appended + 1,
      logLength: log.length,
      logDefects,
      streamOrderDefects,
      readers: [
        ...delivered.map((positions, index) => compare(`catch-up reader ${index + 1}`, positions, byPosition)),
        compare(
          'subscription to category stress0',
          subscribed,
          new Map(log.filter((event) => event.streamId.startsWith('stress0-')).map((event) => [event.globalPosition, event.id])),
        ),
      ],
      // the control reads in insertion order, not log order: out-of-order there is expected and not counted
      control: { ...controlReport, outOfOrder: 0, heldEventSkipped: !controlIds.includes(heldEvent.id) },
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    controlRunning = false;
    readersRunning = false;
    await control.catch(() => undefined);
    await Promise.all(readers.map((reader) => reader.catch(() => undefined)));
    if (!heldCommitted) {
      await held.query('ROLLBACK').catch(() => undefined);
      held.release();
    }
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
    await Promise.all(readerStores.map((readerStore) => readerStore.close()));
    await store.close();
    await writePool.end();
    await controlPool.end();
  }
}
