import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { qualifiedTable, schemaOf } from '@stepwell/read-models';
import { INBOX_TABLE, messagingTablesSql } from './messaging-tables.sql';

export type ProcessOnceResult = 'processed' | 'duplicate';

/**
 * Runs `work` and records `messageId` in the consumer's inbox in one transaction: the effect and the record
 * commit together or not at all, so a redelivered message has no second effect.
 *
 * The inbox row is inserted first: a concurrent delivery of the same message waits on its key until this
 * transaction ends, then finds it (duplicate) or, if this one rolled back, takes over.
 */
export async function processOnce(
  dataSource: DataSource,
  consumer: string,
  messageId: string,
  work: (manager: EntityManager) => Promise<void>,
): Promise<ProcessOnceResult> {
  const inbox = qualifiedTable(schemaOf(dataSource), INBOX_TABLE);
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ${inbox} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
      [consumer, messageId],
    );
    if (inserted.length === 0) return 'duplicate';
    await work(manager);
    return 'processed';
  });
}

/** `processOnce` for a service that uses `pg` directly; `schema` is where its inbox table lives. */
export async function processOnceWithPg(
  pool: Pool,
  options: { schema?: string; consumer: string; messageId: string },
  work: (client: PoolClient) => Promise<void>,
): Promise<ProcessOnceResult> {
  const inbox = qualifiedTable(options.schema, INBOX_TABLE);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      `INSERT INTO ${inbox} (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [options.consumer, options.messageId],
    );
    if (inserted.rowCount === 0) {
      await client.query('ROLLBACK');
      return 'duplicate';
    }
    await work(client);
    await client.query('COMMIT');
    return 'processed';
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Creates the messaging tables with `pg` (services without TypeORM migrations). */
export async function migrateMessagingTables(pool: Pool, schema?: string): Promise<void> {
  // qualifiedTable validates the name; the schema is created before its tables.
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${qualifiedTable(undefined, schema)}`);
  await pool.query(messagingTablesSql(schema));
}
