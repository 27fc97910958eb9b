import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { runLateCommitStress } from './late-commit-stress';

/**
 * 16 writers committing after random delays, 3 catch-up readers over $all (and a durable subscription to one
 * category), and a naive "id > last" reader as the control.
 * `npm test` runs the 100,000 events (STRESS_EVENTS for another count, e.g. 5,000 while working on the store);
 * `node libs/platform/event-store/bench/late-commit-stress.mjs` runs the same outside jest (see the README).
 */
const EVENTS = Number(process.env.STRESS_EVENTS ?? 100_000);

describe('late commits under stress (PostgreSQL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('event_store_stress');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it(`delivers all ${EVENTS.toLocaleString('en-GB')} events to every catch-up reader once, in order, while the naive control skips`, async () => {
    const report = await runLateCommitStress({ connectionString: database.url, events: EVENTS, writers: 16, readers: 3 });
    // the held event is in the log as well
    expect(report.appended).toBe(EVENTS + 1);
    expect(report.logLength).toBe(EVENTS + 1);
    expect(report.logDefects).toBe(0);
    expect(report.streamOrderDefects).toBe(0);
    // three catch-up readers over $all, then the durable subscription to one writer's category
    expect(report.readers).toHaveLength(4);
    for (const reader of report.readers.slice(0, 3)) {
      expect(reader).toEqual({ name: reader.name, delivered: EVENTS + 1, skipped: 0, duplicated: 0, outOfOrder: 0 });
    }
    const subscription = report.readers[3]!;
    expect(subscription.delivered).toBeGreaterThan(0);
    expect(subscription).toEqual({ name: subscription.name, delivered: subscription.delivered, skipped: 0, duplicated: 0, outOfOrder: 0 });
    // the control is known to skip: the comparison above would have caught a reader that did
    expect(report.control.heldEventSkipped).toBe(true);
    expect(report.control.skipped).toBeGreaterThanOrEqual(1);
    expect(report.control.duplicated).toBe(0);
  }, 1_200_000);
});
