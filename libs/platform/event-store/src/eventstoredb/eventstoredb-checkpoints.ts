import {
  BACKWARDS,
  END,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { CheckpointStore, SubscriptionSource } from '../event-store.port';
import { CheckpointConflictError } from '../errors';
import { CHECKPOINT_STREAM_PREFIX, type CommitPositions } from './eventstoredb-mapping';

interface StoredCheckpoint {
  position: number | null;
  /** Commit position of the checkpointed event's append (decimal), so a restart can resume reading there. */
  commit: string | null;
  source: string;
  revision: bigint;
}

function checkpointStream(subscriptionId: string): string {
  return `${CHECKPOINT_STREAM_PREFIX}${subscriptionId}`;
}

export async function readEsdbCheckpoint(client: EventStoreDBClient, subscriptionId: string): Promise<StoredCheckpoint | null> {
  try {
    for await (const resolved of client.readStream(checkpointStream(subscriptionId), { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      const event = resolved.event;
      if (!event) continue;
      const data = event.data as { position: number | null; commit?: string | null; source: string };
      return { position: data.position, commit: data.commit ?? null, source: data.source, revision: event.revision };
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return null;
    throw error;
  }
  return null;
}

/** One small stream per subscription; each save is an append expecting the last save, so two instances conflict. */
export function esdbCheckpointStore(
  client: EventStoreDBClient,
  subscriptionId: string,
  source: SubscriptionSource,
  commits: CommitPositions,
): CheckpointStore {
  const stream = checkpointStream(subscriptionId);
  const sourceKey = source.kind === 'all' ? '$all' : `category:${source.category}`;
  let revision: bigint | null = null;
  return {
    async load() {
      const stored = await readEsdbCheckpoint(client, subscriptionId);
      revision = stored?.revision ?? null;
      if (stored?.position && stored.commit) commits.remember({ commit: BigInt(stored.commit), prepare: BigInt(stored.position) });
      if (revision === null) {
        // old checkpoints are history nobody needs: keep the stream short
        await client.setStreamMetadata(stream, { maxCount: 10 });
      }
      return stored?.position ?? null;
    },
    async save(_from, to) {
      try {
        const result = await client.appendToStream(stream, jsonEvent({
          type: 'CheckpointStored',
          data: { position: to, commit: commits.commitOf(to)?.toString() ?? null, source: sourceKey },
        }), {
          expectedRevision: revision === null ? NO_STREAM : revision,
        });
        revision = result.nextExpectedRevision;
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) throw new CheckpointConflictError(subscriptionId);
        throw error;
      }
    },
  };
}
