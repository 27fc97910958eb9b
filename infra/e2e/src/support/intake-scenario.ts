import { createTestIssuer, type TestIssuer, users } from '@stepwell/access/testing';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import type { PublishedMessage } from './published-message';
import { type IssuedEvent, receiveReferral, withdrawReferral } from './referrals-api';
import { running, type ServiceProcess, startService } from './service-process';
import { waitUntil } from './wait-until';

export interface IntakeScenarioOptions {
  /** The transport's variables for both services (`KAFKA_BROKERS`, or nothing for the PostgreSQL transport). */
  transportEnv: () => Record<string, string>;
  /** Everything on the referrals topic whose referral id is one of `referralIds`, once `count` of them are there. */
  readPublished(databaseUrl: string, referralIds: ReadonlySet<string>, count: number): Promise<PublishedMessage[]>;
  /** The record key the transport gives a message (the patient subject id, and for none, per transport). */
  expectedKey(envelope: PublishedMessage['envelope']): string | null;
}

interface IntakeRow {
  referral_id: string;
  received: boolean;
  withdrawn: boolean;
  events_applied: number;
}

/**
 * Referrals → relay → topic → scheduling's `referral_intake`, with both services as built child processes on one
 * fresh database. Registers the tests of one transport.
 */
export function intakeScenario(options: IntakeScenarioOptions): void {
  let database: TestDatabase;
  let pool: Pool;
  let issuer: TestIssuer;
  let env: Record<string, string>;
  let referrals: ServiceProcess | undefined;
  let scheduling: ServiceProcess | undefined;
  let bearer: string;
  /** Every event the test caused, in the order it caused them. */
  const issued: IssuedEvent[] = [];
  let n = 0;


  const receive = async () => {
    const referralId = await receiveReferral(running(referrals, 'referrals'), bearer, n++);
    issued.push({ referralId, type: 'referrals.referral-received' });
    return referralId;
  };
  const withdraw = async (referralId: string) => {
    await withdrawReferral(running(referrals, 'referrals'), bearer, referralId);
    issued.push({ referralId, type: 'referrals.referral-withdrawn' });
  };
  const referralIds = () => new Set(issued.map((event) => event.referralId));

  const intake = async (): Promise<IntakeRow[]> =>
    (
      await pool.query<IntakeRow>(
        `SELECT referral_id, received_at IS NOT NULL AS received, withdrawn_at IS NOT NULL AS withdrawn, events_applied
         FROM scheduling.referral_intake WHERE referral_id = ANY($1) ORDER BY referral_id`,
        [[...referralIds()]],
      )
    ).rows;

  /** The rows the issued events must produce: one per referral, one effect per event. */
  const expectedIntake = (): IntakeRow[] =>
    [...referralIds()].sort().map((referralId) => {
      const events = issued.filter((event) => event.referralId === referralId);
      const withdrawn = events.some((event) => event.type === 'referrals.referral-withdrawn');
      return { referral_id: referralId, received: true, withdrawn, events_applied: events.length };
    });

  /** Waits until scheduling holds every issued event (at least once), then returns the rows. */
  const awaitIntake = async (timeoutMs: number): Promise<IntakeRow[]> => {
    let last: IntakeRow[] = [];
    const expected = expectedIntake();
    return waitUntil(
      'scheduling to apply every referral event',
      async () => {
        last = await intake();
        const done = expected.every((want) => {
          const row = last.find((candidate) => candidate.referral_id === want.referral_id);
          return row && row.received && row.withdrawn === want.withdrawn && row.events_applied >= want.events_applied;
        });
        return done ? last : undefined;
      },
      { timeoutMs, intervalMs: 200, lastSeen: () => ({ rows: last.length, of: expected.length, scheduling: scheduling?.output().slice(-2000) }) },
    );
  };

  const startScheduling = async () => {
    scheduling = await startService('scheduling', env);
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e-intake');
    pool = new Pool({ connectionString: database.url, max: 2 });
    issuer = createTestIssuer();
    bearer = await issuer.bearer(users.gpClinician);
    env = { DATABASE_URL: database.url, ...issuer.env, ...options.transportEnv() };
    // Referrals first: it creates its topic, and its migrations and scheduling's run one after the other.
    referrals = await startService('referrals', env);
    await startScheduling();
  });

  afterAll(async () => {
    await Promise.all([referrals?.stop(), scheduling?.stop()]);
    await pool?.end();
    await database?.drop();
  });

  it('publishes each referral event once, keyed as the contract says, typed in headers, in order per partition', async () => {
    const first = await receive();
    const second = await receive();
    await receive();
    await withdraw(second);
    await receive();
    await withdraw(first);

    const published = await options.readPublished(database.url, referralIds(), issued.length);
    expect(published).toHaveLength(issued.length);
    expect(new Set(published.map((message) => message.envelope.messageId)).size).toBe(issued.length);
    expect(published.map((m) => [m.envelope.data.referralId, m.envelope.type]).sort()).toEqual(
      issued.map((e) => [e.referralId, e.type]).sort(),
    );
    for (const message of published) {
      expect(message.key).toBe(options.expectedKey(message.envelope));
      expect(message.headers['stepwell-type']).toBe(message.envelope.type);
      expect(message.headers['stepwell-version']).toBe('1');
      expect(message.envelope.version).toBe(1);
    }
    // Within a partition, messages keep the order in which the referrals service committed the events.
    const rank = (m: PublishedMessage) =>
      issued.findIndex((e) => e.referralId === m.envelope.data.referralId && e.type === m.envelope.type);
    const partitions = new Set(published.map((message) => message.partition));
    for (const partition of partitions) {
      const ranks = published
        .filter((message) => message.partition === partition)
        .sort((a, b) => (a.offset < b.offset ? -1 : 1))
        .map(rank);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it('gives scheduling one referral_intake row per referral, with each event applied once', async () => {
    const rows = await awaitIntake(60_000);
    expect(rows).toEqual(expectedIntake());
  });

  it('applies every event exactly once when scheduling is killed with SIGKILL mid-stream and restarted', async () => {
    const before = issued.length;
    // Twelve at once, so that the relay publishes them together and scheduling works through a run of them.
    const batch = await Promise.all(Array.from({ length: 12 }, () => receive()));
    // Killed as soon as the first of them has taken effect, while the rest are still in flight (or at least
    // not all committed: how far it got varies, the outcome must not).
    await waitUntil('scheduling to start on the new referrals', async () => {
      const rows = await pool.query('SELECT 1 FROM scheduling.referral_intake WHERE referral_id = ANY($1)', [batch]);
      return (rows.rowCount ?? 0) > 0 ? true : undefined;
    });
    await running(scheduling, 'scheduling').kill('SIGKILL');

    // More events while scheduling is down: withdrawals of some of the batch and new referrals.
    for (const referralId of batch.slice(0, 4)) await withdraw(referralId);
    for (let i = 0; i < 4; i++) await receive();

    await startScheduling();
    const rows = await awaitIntake(120_000);
    expect(rows).toEqual(expectedIntake());
    expect(issued.length - before).toBe(20);

    // Each published message (the relay published each event once) is in scheduling's inbox exactly once.
    const published = await options.readPublished(database.url, referralIds(), issued.length);
    expect(published).toHaveLength(issued.length);
    const inbox = await pool.query<{ message_id: string }>(
      `SELECT message_id FROM scheduling.messaging_inbox WHERE consumer = 'scheduling' AND message_id = ANY($1)`,
      [published.map((message) => message.envelope.messageId)],
    );
    expect(inbox.rows.map((row) => row.message_id).sort()).toEqual(published.map((message) => message.envelope.messageId).sort());
  });
}
