import type { Pool } from 'pg';
import type { SubscriptionLag, SubscriptionSource } from '../event-store.port';
import { CheckpointConflictError } from '../errors';
import { toSafeNumber } from './postgres-rows';

export function sourceKey(source: SubscriptionSource): string {
  return source.kind === 'all' ? '$all' : `category:${source.category}`;
}

/** Creates the checkpoint row if needed and returns the stored position. */
export async function loadCheckpoint(pool: Pool, schema: string, subscriptionId: string, source: SubscriptionSource): Promise<number | null> {
  await pool.query(
    `INSERT INTO "${schema}".checkpoints (subscription_id, source) VALUES ($1, $2) ON CONFLICT (subscription_id) DO NOTHING`,
    [subscriptionId, sourceKey(source)],
  );
  return readStoredCheckpoint(pool, schema, subscriptionId);
}

export async function readStoredCheckpoint(pool: Pool, schema: string, subscriptionId: string): Promise<number | null> {
  const { rows } = await pool.query<{ position: string | null }>(
    `SELECT position FROM "${schema}".checkpoints WHERE subscription_id = $1`,
    [subscriptionId],
  );
  const position = rows[0]?.position;
  return position === undefined || position === null ? null : toSafeNumber(position);
}

/**
 * Moves the checkpoint from `from` to `to`. Compare-and-set: if another instance of the same subscription moved
 * it meanwhile, neither may go on as if it were alone.
 */
export async function saveCheckpoint(pool: Pool, schema: string, subscriptionId: string, from: number | null, to: number): Promise<void> {
  const result = await pool.query(
    `UPDATE "${schema}".checkpoints SET position = $2, updated_at = now()
      WHERE subscription_id = $1 AND position IS NOT DISTINCT FROM $3`,
    [subscriptionId, to, from],
  );
  if (result.rowCount !== 1) throw new CheckpointConflictError(subscriptionId);
}

export async function readLag(pool: Pool, schema: string, subscriptionId: string): Promise<SubscriptionLag> {
  const { rows } = await pool.query<{ position: string | null; source: string | null; head: string | null; oldest: Date | null; now: Date }>(
    `WITH cp AS (SELECT position, source FROM "${schema}".checkpoints WHERE subscription_id = $1)
     SELECT (SELECT position FROM cp) AS position, (SELECT source FROM cp) AS source,
            (SELECT max(global_position) FROM "${schema}".log) AS head,
            (SELECT min(l.recorded_at) FROM "${schema}".log l
              WHERE l.global_position > coalesce((SELECT position FROM cp), 0)
                AND ((SELECT source FROM cp) IS NULL OR (SELECT source FROM cp) = '$all'
                     OR 'category:' || l.category = (SELECT source FROM cp))) AS oldest,
            clock_timestamp() AS now`,
    [subscriptionId],
  );
  const [row] = rows;
  if (!row) throw new Error('the lag query returned no row');
  const checkpoint = row.position === null ? null : toSafeNumber(row.position);
  const headPosition = row.head === null ? 0 : toSafeNumber(row.head);
  const secondsBehind = row.oldest ? Math.max(0, (row.now.getTime() - row.oldest.getTime()) / 1000) : 0;
  return {
    subscriptionId,
    checkpoint,
    headPosition,
    positionsBehind: Math.max(0, headPosition - (checkpoint ?? 0)),
    secondsBehind,
  };
}
