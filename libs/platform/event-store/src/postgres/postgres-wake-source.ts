import { Client, type Pool } from 'pg';
import type { WakeSource } from '../subscription/catch-up-subscription';
import { notificationChannel } from './postgres-schema';

/**
 * Wakes subscriptions on every commit: the sequencing trigger NOTIFYs at commit (migrations/001-initial.sql).
 * LISTEN holds its session for the subscription's life, so it gets a connection of its own.
 */
export function postgresWakeSource(pool: Pool, connectionString: string | undefined, schema: string): WakeSource {
  return async (wake) => {
    let close: () => Promise<void>;
    let client: Client | Awaited<ReturnType<Pool['connect']>>;
    if (connectionString) {
      const own = new Client({ connectionString });
      own.on('error', wake); // the safety poll carries on; reads report their own errors
      await own.connect();
      client = own;
      close = () => own.end();
    } else {
      const pooled = await pool.connect();
      pooled.on('error', wake);
      client = pooled;
      close = async () => {
        await pooled.query('UNLISTEN *').catch(() => undefined);
        pooled.release();
      };
    }
    client.on('notification', wake);
    await client.query(`LISTEN "${notificationChannel(schema)}"`);
    return { close };
  };
}

/**
 * Announces autocommit appends after they committed. A NOTIFY inside a committing transaction holds a
 * database-wide lock through that commit's flush, which serialised every append (migrations/003): here one
 * NOTIFY (a transaction that writes no WAL, so nothing to flush) covers every append that committed before it
 * was sent, and at most one more is queued while one is in flight.
 */
export function coalescedNotifier(pool: Pool, schema: string): { announce(): void; settled(): Promise<void> } {
  let inFlight: Promise<void> | undefined;
  let again = false;
  const send = (): Promise<void> =>
    pool
      .query('SELECT pg_notify($1, $2)', [notificationChannel(schema), ''])
      // a lost wake-up costs latency only: subscriptions poll as a safety net
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        if (again) {
          again = false;
          inFlight = send();
          return inFlight;
        }
        inFlight = undefined;
        return undefined;
      });
  return {
    announce() {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = send();
    },
    async settled() {
      while (inFlight) await inFlight;
    },
  };
}
