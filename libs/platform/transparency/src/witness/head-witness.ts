import type { EventStore, NewEvent } from '@stepwell/event-store';
import { uuidV5 } from '@stepwell/messaging';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import type { DataSource, EntityManager } from 'typeorm';
import type { SignedTreeHead, TreeHeadSigner } from '../heads/tree-head';
import { type Countersignature, countersign, type HeadAnnouncement, type WitnessAlertReason, witnessDecision, type WitnessVerdict } from './witness';

export interface HeadWitnessOptions {
  /** The witnessing service (named in its countersignatures). */
  service: string;
  dataSource: DataSource;
  /** The service's own head-signing key: it countersigns with it. */
  signer: TreeHeadSigner;
  /**
   * The service's own event store: each alert is also appended to it as a `WitnessAlertRaised` event (category
   * `WITNESS_ALERT_CATEGORY`), so the alert enters the witness's own signed, witnessed log. Without it (a bare
   * witness in a test) alerts are table rows only.
   */
  store?: EventStore;
  now?: () => Date;
}

/** The stream category of a witness's alert events: one stream per alert, `witnessAlert-<event id>`. */
export const WITNESS_ALERT_CATEGORY = 'witnessAlert';
export const WITNESS_ALERT_RAISED = 'WitnessAlertRaised';

/** The data of a `WitnessAlertRaised` event: the alert row (sizes, roots, key ids: no event content, no patient data). */
export interface WitnessAlertRaisedData extends WitnessAlert {
  /** The witnessing service (whose log holds the event). */
  witness: string;
  /** The alert row's id in this witness's `transparency_witness_alerts`. */
  alertId: number;
}

export interface WitnessOutcome {
  verdict: WitnessVerdict;
  countersignature: Countersignature | null;
}

export interface WitnessedHead {
  head: SignedTreeHead;
  countersignature: Countersignature;
  witnessedAt: string;
}

export interface WitnessAlert {
  log: string;
  reason: WitnessAlertReason;
  treeSize: number;
  rootHash: string;
  keyId: string;
  heldTreeSize: number | null;
  heldRootHash: string | null;
  raisedAt: string;
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/**
 * A service's witness of the other services' logs: checks each announced head against what it holds of that log
 * (`witnessDecision`), records and countersigns what it accepts, records an alert for what it refuses or flags. One
 * log at a time (a transaction-scoped advisory lock per log), so two deliveries of one head cannot both be accepted;
 * the same head twice is a duplicate, answered with the countersignature already given.
 */
export class HeadWitness {
  private readonly table: (name: string) => string;
  private readonly now: () => Date;

  constructor(private readonly options: HeadWitnessOptions) {
    this.table = (name) => qualifiedTable(readModelSchema(options.dataSource), name);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Checks and records one announced head. In `manager`'s transaction when given (the consumer's inbox transaction:
   * the message is recorded as handled with its effect), else in its own.
   */
  async witness(announcement: HeadAnnouncement, manager?: EntityManager): Promise<WitnessOutcome> {
    if (manager) return this.witnessIn(announcement, manager);
    const outcome = await this.options.dataSource.transaction((tx) => this.witnessIn(announcement, tx));
    await this.recordAlertEvents(announcement.head.log);
    return outcome;
  }

  /**
   * Appends a `WitnessAlertRaised` event to the witness's own log for each alert of `log` that has none yet (after
   * the alert rows committed: the event store is not the read models' transaction), then marks the row (`event_id`).
   * Idempotent: the event id and its stream are derived from the alert row (`uuidV5` of witness and row id), every
   * field from the row; an append refused because the stream exists (another instance, or a crash before the mark)
   * only marks the row. So a crash between the two is repaired by the next call for that log (the consumer calls it
   * after every message, redeliveries included) — and in the normal case the call reads one empty query. Returns how
   * many events it appended.
   */
  async recordAlertEvents(log: string): Promise<number> {
    const store = this.options.store;
    if (!store) return 0;
    let appended = 0;
    for (const { id, alert } of await this.alertRows(log, { withoutEvent: true })) {
      const eventId = uuidV5(`witness-alert:${this.options.service}:${id}`);
      const streamId = `${WITNESS_ALERT_CATEGORY}-${eventId}`;
      const data: WitnessAlertRaisedData = { witness: this.options.service, alertId: id, ...alert };
      const event: NewEvent = {
        id: eventId,
        type: WITNESS_ALERT_RAISED,
        data,
        metadata: {
          occurredAt: alert.raisedAt,
          correlationId: eventId,
          causationId: null,
          actor: { userId: `system:${this.options.service}-witness`, organisationId: 'system', role: 'system' },
          schemaVersion: 1,
        },
      };
      try {
        await store.appendToStream(streamId, [event], { expectedRevision: 'no_stream' });
        appended++;
      } catch (error) {
        // Appended before (another instance, or this one before a crash): the event is recorded once; mark the row.
        if ((await store.readStream(streamId, { maxCount: 1 })).length === 0) throw error;
      }
      await this.options.dataSource.query(`UPDATE ${this.table('transparency_witness_alerts')} SET event_id = $2 WHERE id = $1`, [id, eventId]);
    }
    return appended;
  }

  private async witnessIn(announcement: HeadAnnouncement, tx: EntityManager): Promise<WitnessOutcome> {
    const { head } = announcement;
    const query: Query = (sql, parameters) => tx.query(sql, parameters);
    await query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`transparency-witness:${head.log}`]);
    const [latest] = (await query(`SELECT head FROM ${this.table('transparency_witnessed_heads')} WHERE log = $1 ORDER BY tree_size DESC LIMIT 1`, [head.log])) as {
      head: SignedTreeHead;
    }[];
    const [first] = (await query(`SELECT head FROM ${this.table('transparency_witnessed_heads')} WHERE log = $1 ORDER BY witnessed_at, tree_size LIMIT 1`, [head.log])) as {
      head: SignedTreeHead;
    }[];
    const [same] = (await query(
      `SELECT head, witness, witness_key_id, countersignature FROM ${this.table('transparency_witnessed_heads')} WHERE log = $1 AND tree_size = $2`,
      [head.log, head.treeSize],
    )) as { head: SignedTreeHead; witness: string; witness_key_id: string; countersignature: string }[];
    const verdict = witnessDecision(announcement, { pinnedKeyId: first?.head.keyId ?? null, latest: latest?.head ?? null, sameSize: same?.head ?? null });
    const at = this.now().toISOString();
    const held = same?.head ?? latest?.head ?? null;
    for (const reason of verdict.alerts) {
      await query(
        `INSERT INTO ${this.table('transparency_witness_alerts')} (log, reason, tree_size, root_hash, key_id, held_tree_size, held_root_hash, raised_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [head.log, reason, head.treeSize, head.rootHash, head.keyId, held?.treeSize ?? null, held?.rootHash ?? null, at],
      );
    }
    if (!verdict.accept) {
      const countersignature = verdict.duplicate && same ? { witness: same.witness, keyId: same.witness_key_id, signature: same.countersignature } : null;
      return { verdict, countersignature };
    }
    const countersignature = countersign(head, this.options.service, this.options.signer);
    await query(
      `INSERT INTO ${this.table('transparency_witnessed_heads')} (log, tree_size, root_hash, head, public_key, witness, witness_key_id, countersignature, witnessed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [head.log, head.treeSize, head.rootHash, JSON.stringify(head), announcement.publicKey.publicKey, countersignature.witness, countersignature.keyId, countersignature.signature, at],
    );
    return { verdict, countersignature };
  }

  /** A page of the heads this witness countersigned, of one log or all (by log, then size), and how many there are. */
  async page(filter: { log?: string | undefined; treeSize?: number | undefined }, offset: number, limit: number): Promise<{ items: WitnessedHead[]; total: number }> {
    const where = `($1::text IS NULL OR log = $1) AND ($2::bigint IS NULL OR tree_size = $2)`;
    const parameters = [filter.log ?? null, filter.treeSize ?? null];
    const rows = (await this.options.dataSource.query(
      `SELECT head, witness, witness_key_id, countersignature, witnessed_at FROM ${this.table('transparency_witnessed_heads')} WHERE ${where} ORDER BY log, tree_size OFFSET $3 LIMIT $4`,
      [...parameters, offset, limit],
    )) as { head: SignedTreeHead; witness: string; witness_key_id: string; countersignature: string; witnessed_at: Date }[];
    const [count] = (await this.options.dataSource.query(`SELECT count(*)::int AS total FROM ${this.table('transparency_witnessed_heads')} WHERE ${where}`, parameters)) as {
      total: number;
    }[];
    return {
      items: rows.map((row) => ({
        head: row.head,
        countersignature: { witness: row.witness, keyId: row.witness_key_id, signature: row.countersignature },
        witnessedAt: new Date(row.witnessed_at).toISOString(),
      })),
      total: count?.total ?? 0,
    };
  }

  /** Every alert raised (of one log, or all), oldest first. */
  async allAlerts(log?: string): Promise<WitnessAlert[]> {
    if (log !== undefined) return this.alerts(log);
    const alerts: WitnessAlert[] = [];
    for (const each of await this.logs()) alerts.push(...(await this.alerts(each)));
    return alerts.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  }

  /** The logs this witness holds heads of, or raised alerts about. */
  async logs(): Promise<string[]> {
    const rows = (await this.options.dataSource.query(
      `SELECT log FROM ${this.table('transparency_witnessed_heads')} UNION SELECT log FROM ${this.table('transparency_witness_alerts')} ORDER BY log`,
    )) as { log: string }[];
    return rows.map((row) => row.log);
  }

  /** The heads of `log` this witness countersigned (one size, or all), by size. */
  async witnessed(log: string, treeSize?: number): Promise<WitnessedHead[]> {
    const rows = (await this.options.dataSource.query(
      `SELECT head, witness, witness_key_id, countersignature, witnessed_at FROM ${this.table('transparency_witnessed_heads')} WHERE log = $1 AND ($2::bigint IS NULL OR tree_size = $2) ORDER BY tree_size`,
      [log, treeSize ?? null],
    )) as { head: SignedTreeHead; witness: string; witness_key_id: string; countersignature: string; witnessed_at: Date }[];
    return rows.map((row) => ({
      head: row.head,
      countersignature: { witness: row.witness, keyId: row.witness_key_id, signature: row.countersignature },
      witnessedAt: new Date(row.witnessed_at).toISOString(),
    }));
  }

  async alerts(log: string): Promise<WitnessAlert[]> {
    return (await this.alertRows(log)).map((row) => row.alert);
  }

  private async alertRows(log: string, filter: { withoutEvent?: boolean } = {}): Promise<{ id: number; alert: WitnessAlert }[]> {
    const rows = (await this.options.dataSource.query(
      `SELECT id, log, reason, tree_size, root_hash, key_id, held_tree_size, held_root_hash, raised_at FROM ${this.table('transparency_witness_alerts')}
        WHERE log = $1${filter.withoutEvent ? ' AND event_id IS NULL' : ''} ORDER BY id`,
      [log],
    )) as { id: string; log: string; reason: WitnessAlertReason; tree_size: string; root_hash: string; key_id: string; held_tree_size: string | null; held_root_hash: string | null; raised_at: Date }[];
    return rows.map((row) => ({
      id: Number(row.id),
      alert: {
        log: row.log,
        reason: row.reason,
        treeSize: Number(row.tree_size),
        rootHash: row.root_hash,
        keyId: row.key_id,
        heldTreeSize: row.held_tree_size === null ? null : Number(row.held_tree_size),
        heldRootHash: row.held_root_hash,
        raisedAt: new Date(row.raised_at).toISOString(),
      },
    }));
  }
}
