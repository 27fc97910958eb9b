// One contender of the leader-election test, in its own process so that the test can SIGKILL it.
// Environment: DATABASE_URL, ELECTION (the name elected), CONTENDER (this one's label), ELECT ('0': the control,
// which works without asking who leads). While it leads, it increments the shared counter by read-modify-write:
// it reads the value, waits a little, and writes value + 1 together with one row in `increments`. Two contenders
// doing that at once lose increments (the counter falls behind the rows), which is what the test looks for.
// Reports to the parent over IPC: { kind: 'leader', leader, at } on every change, and { kind: 'pid', pid } of its lock session.
import { Pool } from 'pg';
import { LeaderElection } from '../leader-election';

async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (value === undefined) throw new Error(`${name} is not set`);
    return value;
  };
  const contender = env('CONTENDER');
  const elect = env('ELECT') !== '0';
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 1 });
  const election = new LeaderElection({ connectionString: env('DATABASE_URL'), name: env('ELECTION'), retryIntervalMs: 100 });
  election.onChange((leader) => process.send?.({ kind: 'leader', leader, at: Date.now() }));
  if (elect) await election.start();
  process.send?.({ kind: 'started' });

  for (;;) {
    if (elect && !election.isLeader) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      continue;
    }
    const { rows } = await pool.query<{ value: number }>('SELECT value FROM counter WHERE id = 1');
    const value = rows[0]?.value ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 2));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('UPDATE counter SET value = $1 WHERE id = 1', [value + 1]);
      await client.query('INSERT INTO increments (contender) VALUES ($1)', [contender]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
