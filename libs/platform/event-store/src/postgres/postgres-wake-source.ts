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
