import { type TreeHeadSignedV1, treeHeadSignedV1Contract, TRANSPARENCY_LOGS } from '@stepwell/contracts';
import { createIntegrationEvent, deterministicMessageId, type IntegrationEvent } from '@stepwell/messaging';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import type { DataSource } from 'typeorm';
import type { SignedTreeHead } from './tree-head';
import type { TreeHeads } from './tree-heads.service';
import type { HeadAnnouncement } from '../witness/witness';

type Producer = (typeof TRANSPARENCY_LOGS)[number];

export interface HeadPublisherOptions {
  /** The producing service: one of the logs the contract names (`TRANSPARENCY_LOGS`). */
  service: Producer;
  dataSource: DataSource;
  heads: TreeHeads;
  /** Publishes on the service's own topic, awaited (`transport.publisher().publish(topicFor(service), events)`). */
  publish(events: readonly IntegrationEvent[]): Promise<void>;
}

/** Whether `service` publishes its heads (the five services; a bare test log does not). */
export function publishesHeads(service: string): service is Producer {
  return (TRANSPARENCY_LOGS as readonly string[]).includes(service);
}

/** The integration event of one announced head: one message id per head, whoever publishes it and however often. */
export function treeHeadSignedEvent(announcement: HeadAnnouncement): IntegrationEvent<TreeHeadSignedV1> {
  const { head } = announcement;
  if (!publishesHeads(head.log)) throw new Error(`${head.log} does not publish tree heads`);
  const messageId = deterministicMessageId(`tree-head:${head.log}:${head.treeSize}:${head.rootHash}:${head.signature}`);
  return createIntegrationEvent(
    treeHeadSignedV1Contract(head.log),
    {
      log: head.log,
      treeSize: head.treeSize,
      rootHash: head.rootHash,
      timestamp: head.timestamp,
      keyId: head.keyId,
      signature: head.signature,
      publicKey: announcement.publicKey.publicKey,
      fromSize: announcement.fromSize,
      consistencyProof: announcement.consistencyProof,
    },
    { messageId, patientSubjectId: null, occurredAt: head.timestamp, correlationId: messageId, causationId: null },
  );
}

/** What a witness reads back from the event: the announcement it checks. */
export function announcementOf(data: TreeHeadSignedV1): HeadAnnouncement {
  const head: SignedTreeHead = {
    version: 1,
    log: data.log,
    treeSize: data.treeSize,
    rootHash: data.rootHash,
    timestamp: data.timestamp,
    keyId: data.keyId,
    signature: data.signature,
  };
  return { head, publicKey: { keyId: data.keyId, algorithm: 'Ed25519', publicKey: data.publicKey }, fromSize: data.fromSize, consistencyProof: data.consistencyProof };
}

interface UnpublishedRow {
  id: string;
  tree_size: string;
  root_hash: string;
  issued_at: Date;
  key_id: string;
  signature: string;
}

/**
 * Publishes the service's signed heads (issue 19 point 2) from the head table, not from the event log: a head is not
 * an event of the log it signs, so the log (and the tree, and the next minute's head) does not grow by its own heads.
 * An outbox: heads not yet published (`published_at` null), in size order, under a per-service advisory lock (one
 * publisher at a time across instances, so witnesses receive a log's heads in order); each row marked in the same
 * transaction after its publish resolved. A crash or a failed publish leaves the rest unmarked: they go out again with
 * the same message ids, which the witnesses' inboxes absorb. Heads of size 0 are marked without a message (nothing to
 * witness; the contract starts at 1).
 */
export class HeadPublisher {
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: HeadPublisherOptions) {}

  /** Publishes every unpublished head; one run at a time in this process. Resolves to how many were published. */
  publishPending(): Promise<number> {
    const next = this.running.catch(() => 0).then(() => this.publishNow());
    this.running = next;
    return next;
  }

  private async publishNow(): Promise<number> {
    const { dataSource, heads, service } = this.options;
    const table = qualifiedTable(readModelSchema(dataSource), 'transparency_tree_heads');
    return dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`transparency-head-publisher:${service}`]);
      const rows = (await tx.query(
        `SELECT id, tree_size, root_hash, issued_at, key_id, signature FROM ${table} WHERE published_at IS NULL ORDER BY tree_size, id`,
      )) as UnpublishedRow[];
      let published = 0;
      for (const row of rows) {
        const head: SignedTreeHead = {
          version: 1,
          log: service,
          treeSize: Number(row.tree_size),
          rootHash: row.root_hash,
          timestamp: new Date(row.issued_at).toISOString(),
          keyId: row.key_id,
          signature: row.signature,
        };
        if (head.treeSize > 0) {
          await this.options.publish([treeHeadSignedEvent(await heads.announcement(head))]);
          published++;
        }
        await tx.query(`UPDATE ${table} SET published_at = now() WHERE id = $1`, [row.id]);
      }
      return published;
    });
  }
}
