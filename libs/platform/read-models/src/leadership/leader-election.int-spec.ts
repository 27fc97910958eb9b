import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import { LeaderElection } from './leader-election';

interface Contender {
  label: string;
  child: ChildProcess;
  /** Every leadership change it reported, in order. */
  changes: Array<{ leader: boolean; at: number }>;
  exited: Promise<void>;
  /** When the test sent SIGKILL: a killed leader's lead ended then at the latest. */
  killedAt?: number;
}

const ELECTION = 'election-test';

/** Polls `probe` until it returns true, without fixed sleeps in the test's logic (the poll interval is not a wait for anything). */
async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('LeaderElection (PostgreSQL advisory lock on a dedicated session)', () => {
  let database: TestDatabase;
  let pool: Pool;
  const children: Contender[] = [];

  const spawnContender = async (label: string, elect = true): Promise<Contender> => {
    const child = fork(path.join(__dirname, 'testing/contender.child.ts'), [], {
      execArgv: ['-r', path.join(__dirname, '../../../testing/jest/swc-register.js')],
      env: { ...process.env, DATABASE_URL: database.url, ELECTION, CONTENDER: label, ELECT: elect ? '1' : '0' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const contender: Contender = {
      label,
      child,
      changes: [],
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    children.push(contender);
    await new Promise<void>((resolve, reject) => {
      child.on('message', (message: { kind: string; leader?: boolean; at?: number; message?: string }) => {
        if (message.kind === 'leader') contender.changes.push({ leader: message.leader === true, at: message.at ?? 0 });
        if (message.kind === 'started') resolve();
        if (message.kind === 'failed') reject(new Error(`contender ${label} failed: ${message.message}`));
      });
      child.once('exit', (code) => reject(new Error(`contender ${label} exited (${code}) before it started`)));
    });
    return contender;
  };
  const leads = (contender: Contender) => contender.changes.at(-1)?.leader === true;
  const kill = async (contender: Contender) => {
    contender.killedAt ??= Date.now();
    contender.child.kill('SIGKILL');
    await contender.exited;
  };
  const counter = async () => (await pool.query<{ value: number }>('SELECT value FROM counter WHERE id = 1')).rows[0]!.value;
  const increments = async (contender?: string) =>
    Number(
      (
        await pool.query<{ n: string }>('SELECT count(*) AS n FROM increments WHERE $1::text IS NULL OR contender = $1', [contender ?? null])
      ).rows[0]!.n,
    );
  /** Leadership intervals of all contenders never overlap: each "became leader" follows the previous leader's end. */
  const expectNoOverlap = (all: readonly Contender[]) => {
    const intervals = all.flatMap((contender) => {
      const out: Array<{ label: string; from: number; to: number }> = [];
      contender.changes.forEach((change, i) => {
        if (!change.leader) return;
        const end = contender.changes.slice(i + 1).find((later) => !later.leader);
        out.push({ label: contender.label, from: change.at, to: end?.at ?? contender.killedAt ?? Number.POSITIVE_INFINITY });
      });
      return out;
    });
    intervals.sort((a, b) => a.from - b.from);
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]!.from).toBeGreaterThanOrEqual(intervals[i - 1]!.to);
  };

  beforeAll(async () => {
    database = await createTestDatabase('leader-election');
    pool = new Pool({ connectionString: database.url, max: 2 });
    await pool.query('CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL); CREATE TABLE increments (n bigserial PRIMARY KEY, contender text NOT NULL)');
  });

  beforeEach(async () => {
    await pool.query('TRUNCATE increments; DELETE FROM counter; INSERT INTO counter VALUES (1, 0)');
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((contender) => kill(contender)));
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('control: two contenders that work without an election lose increments, so the counter detects two leaders', async () => {
    await spawnContender('a', false);
    await spawnContender('b', false);
    await until('both to have incremented', async () => (await increments('a')) >= 50 && (await increments('b')) >= 50);
    await Promise.all(children.splice(0).map((contender) => kill(contender)));
    expect(await increments()).toBeGreaterThan(await counter());
  });

  it('elects one leader; when it is SIGKILLed the other takes over, and the counter shows no two leaders at once', async () => {
    const a = await spawnContender('a');
    const b = await spawnContender('b');
    await until('a leader', () => leads(a) || leads(b));
    const [leader, follower] = leads(a) ? [a, b] : [b, a];
    expect(leads(follower)).toBe(false);
    await until('the leader to increment', async () => (await increments(leader.label)) >= 100);
    expect(await increments(follower.label)).toBe(0);

    const killedAt = Date.now();
    await kill(leader);
    await until('the follower to take over', () => leads(follower));
    const handOverMs = follower.changes.at(-1)!.at - killedAt;
    process.stdout.write(`leader election: hand-over after SIGKILL took ${handOverMs} ms (retry interval 100 ms, take-over delay 200 ms)\n`);
    expect(handOverMs).toBeGreaterThanOrEqual(0);
    await until('the new leader to increment', async () => (await increments(follower.label)) >= 100);

    // The killed contender comes back: it follows, the survivor keeps the lead.
    const back = await spawnContender(leader.label === 'a' ? 'a2' : 'b2');
    const before = await increments();
    await until('more increments after the restart', async () => (await increments()) >= before + 100);
    expect(leads(back)).toBe(false);
    expect(await increments(back.label)).toBe(0);
    expect(leads(follower)).toBe(true);

    await kill(follower);
    await kill(back);
    expect(await counter()).toBe(await increments());
    expectNoOverlap([a, b, back]);
  });

  it('hands over when the leader loses its session (terminated by the server) without dying, never two at once', async () => {
    const a = await spawnContender('a');
    const b = await spawnContender('b');
    await until('a leader', () => leads(a) || leads(b));
    const [leader, follower] = leads(a) ? [a, b] : [b, a];
    await until('the leader to increment', async () => (await increments(leader.label)) >= 50);

    // The session holding the lock, found as an operator would: the election's application name and a granted advisory lock.
    const { rows } = await pool.query<{ pid: number }>(
      `SELECT DISTINCT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
        WHERE a.application_name = $1 AND a.datname = current_database()`,
      [`stepwell-leader:${ELECTION}`],
    );
    expect(rows).toHaveLength(1);
    await pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);

    await until('the old leader to step down and the other to take over', () => !leads(leader) && leads(follower));
    await until('the new leader to increment', async () => (await increments(follower.label)) >= 50);
    // The old leader reconnects and follows.
    await until('the old leader to be back as a follower', async () => {
      const sessions = await pool.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
        `stepwell-leader:${ELECTION}`,
      ]);
      return (sessions.rowCount ?? 0) === 2;
    });
    expect(leads(leader)).toBe(false);
    await Promise.all(children.splice(0).map((contender) => kill(contender)));
    expect(await counter()).toBe(await increments());
    expectNoOverlap([a, b]);
  });

  it('steps down on stop() and unlocks, so another election in the same database leads at its next try', async () => {
    const first = new LeaderElection({ connectionString: database.url, name: ELECTION, retryIntervalMs: 50, takeoverDelayMs: 10 });
    const second = new LeaderElection({ connectionString: database.url, name: ELECTION, retryIntervalMs: 50, takeoverDelayMs: 10 });
    const other = new LeaderElection({ connectionString: database.url, name: 'another-service', retryIntervalMs: 50, takeoverDelayMs: 10 });
    const seen: boolean[] = [];
    second.onChange((leader) => seen.push(leader));
    try {
      await first.start();
      await second.start();
      await other.start();
      expect([first.isLeader, second.isLeader, other.isLeader]).toEqual([true, false, true]);
      expect(first.status()).toMatchObject({ name: ELECTION, leader: true, terms: 1 });
      await first.stop();
      expect(first.isLeader).toBe(false);
      await until('the second to lead', () => second.isLeader);
      expect(seen).toEqual([true]);
    } finally {
      await Promise.all([first.stop(), second.stop(), other.stop()]);
    }
  });
});
