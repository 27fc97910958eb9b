import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import { PostgresRateLimiter, RateLimitedError, type RateRule } from './rate-limiter';
import { largestBlock, ReservedAllowance } from './reserved-allowance';

/**
 * Issue 14: the organisation write limit without a commit per request. Two service instances are two allowances, each
 * over its own pool and limiter, on one database; they share one clock here so that the window is known.
 */
describe('a limit shared by instances through reserved blocks (ReservedAllowance over PostgresRateLimiter)', () => {
  let database: TestDatabase;
  const pools: Pool[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('reserved_allowance');
  });
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database.drop();
  });

  const minute = 60_000;
  /** A window start away from any boundary, so that a run stays in one window unless the test moves the clock. */
  let clock = Math.floor(Date.now() / minute) * minute + 1_000;
  const now = () => clock;

  /** One instance: its own pool, limiter and allowance; `statements` counts what it sent to the database. */
  function instance() {
    const pool = new Pool({ connectionString: database.url, max: 4 });
    pools.push(pool);
    const counted = { statements: 0 };
    const limiter = new PostgresRateLimiter(
      (sql, parameters) => {
        if (sql.startsWith('INSERT')) counted.statements += 1;
        return pool.query(sql, parameters).then((result) => result.rows);
      },
      'public',
      now,
    );
    return Object.assign(counted, { allowance: new ReservedAllowance(limiter, now), limiter });
  }

  /** Runs `count` requests of `subject`, `parallel` at a time on each instance in turn: how many were admitted. */
  async function writes(instances: ReadonlyArray<ReturnType<typeof instance>>, subject: string, rule: RateRule, count: number, parallel = 4) {
    let admitted = 0;
    let refused = 0;
    for (let sent = 0; sent < count; sent += parallel) {
      const on = instances[(sent / parallel) % instances.length]!;
      const outcomes = await Promise.allSettled(Array.from({ length: Math.min(parallel, count - sent) }, () => on.allowance.take('organisation-writes', subject, rule)));
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') admitted += 1;
        else if (outcome.reason instanceof RateLimitedError) refused += 1;
        else throw outcome.reason;
      }
    }
    return { admitted, refused };
  }

  it('never admits more than the limit across two instances, refuses at most one block per other instance early, and commits once per block', async () => {
    const rule = { limit: 600, windowMs: minute };
    expect(largestBlock(rule)).toBe(12);
    const [a, b] = [instance(), instance()];
    const { admitted, refused } = await writes([a, b], 'RAA01', rule, 800);
    expect(admitted).toBeLessThanOrEqual(600);
    expect(admitted).toBeGreaterThanOrEqual(600 - largestBlock(rule));
    expect(refused).toBe(800 - admitted);
    // 1, 2, 4, 8, then blocks of 12 on each instance, and one refused reservation each: not one per request.
    const reservations = a.statements + b.statements;
    expect(reservations).toBeLessThanOrEqual(2 * (4 + Math.ceil(600 / 12 / 2) + 2));
    expect(reservations).toBeLessThan(admitted / 5);
  });

  it('once the shared row refused, refuses without another statement until the window ends, with Retry-After to its end; then admits again', async () => {
    const rule = { limit: 3, windowMs: minute };
    const [a, b] = [instance(), instance()];
    expect(await writes([a, b], 'RBB01', rule, 3, 1)).toEqual({ admitted: 3, refused: 0 });
    await expect(a.allowance.take('organisation-writes', 'RBB01', rule)).rejects.toBeInstanceOf(RateLimitedError);
    const before = a.statements;
    clock += 15_000;
    const refusal = await a.allowance.take('organisation-writes', 'RBB01', rule).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect((refusal as RateLimitedError).headers['Retry-After']).toBe('44');
    expect(a.statements).toBe(before);
    // Another organisation has its own allowance.
    await a.allowance.take('organisation-writes', 'RCC01', rule);
    clock += minute;
    expect(await writes([a, b], 'RBB01', rule, 4, 1)).toEqual({ admitted: 3, refused: 1 });
  });

  it('keeps a small limit exact across instances (blocks of one): the limit is the limit, not the limit per instance', async () => {
    const rule = { limit: 2, windowMs: minute };
    const [a, b] = [instance(), instance()];
    await a.allowance.take('organisation-writes', 'RDD01', rule);
    await b.allowance.take('organisation-writes', 'RDD01', rule);
    await expect(a.allowance.take('organisation-writes', 'RDD01', rule)).rejects.toBeInstanceOf(RateLimitedError);
    await expect(b.allowance.take('organisation-writes', 'RDD01', rule)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('lets an instance’s concurrent requests wait on one reservation instead of each asking', async () => {
    const rule = { limit: 600, windowMs: minute };
    const a = instance();
    await Promise.all(Array.from({ length: 30 }, () => a.allowance.take('organisation-writes', 'REE01', rule)));
    // 1 + 2 + 4 + 8 + 12 + 12 = 39 ≥ 30: six reservations, one at a time.
    expect(a.statements).toBe(6);
  });
});
