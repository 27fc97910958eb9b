import type { DeadLetter, IntegrationEvent } from '../transport.port';
import type { SqlExecutor } from '../sql/sql-executor';
import { qualifiedTable } from '@stepwell/read-models';
import { DEAD_LETTER_TABLE } from '../inbox/messaging-tables.sql';

export interface DeadLetterRecord extends DeadLetter {
  deadLetterTopic: string;
  /** When it was last re-driven, or null. */
  redrivenAt: string | null;
  redriveCount: number;
}

export interface DeadLetterQuery {
  /** Original topic. */
  topic?: string;
  /** Contract type of the original event. */
  type?: string;
  /** Only those not yet re-driven. */
  pendingOnly?: boolean;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface DeadLetterPage {
  items: DeadLetterRecord[];
  page: number;
  pageSize: number;
  total: number;
}

export class DeadLetterNotFoundError extends Error {
  readonly code = 'DEAD_LETTER_NOT_FOUND' as const;

  constructor(readonly id: string) {
    super(`Dead letter ${id} does not exist`);
    this.name = 'DeadLetterNotFoundError';
  }
}

/** A dead letter whose message could not be parsed has no event to publish again. */
export class DeadLetterNotRedrivableError extends Error {
  readonly code = 'DEAD_LETTER_NOT_REDRIVABLE' as const;

  constructor(readonly id: string) {
    super(`Dead letter ${id} holds no parsable event and cannot be re-driven`);
    this.name = 'DeadLetterNotRedrivableError';
  }
}

interface Row {
  id: string;
  group_id: string;
  dead_letter_topic: string;
  original_topic: string;
  original_partition: number;
  original_offset: string;
  error_name: string;
  error_message: string;
  attempts: number;
  dead_lettered_at: Date;
  event: IntegrationEvent | null;
  raw_value: string | null;
  redriven_at: Date | null;
  redrive_count: number;
}

export type RedriveResult = { redriven: true; alreadyRedriven: boolean; record: DeadLetterRecord };

/**
 * What operators see of a dead letter (`GET /ops/dead-letters`, the re-drive answer): metadata only. The event's
 * payload, its patient subject id, the raw value of an unparsable message and a handler's free-text error message
 * may all carry patient data, so none of them leaves the service; the full record stays in the dead-letter table.
 * `reason` is given only for the platform's own refusals, whose messages name types, topics and fields, never
 * values.
 */
export interface DeadLetterSummary {
  id: string;
  groupId: string;
  deadLetterTopic: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  /** Null when the message could not be parsed. */
  messageId: string | null;
  type: string | null;
  version: number | null;
  /** The error's class name, e.g. `ContractValidationError`, `WrongTopicError`, `Error`. */
  errorCode: string;
  reason: string | null;
  attempts: number;
  deadLetteredAt: string;
  redrivenAt: string | null;
  redriveCount: number;
}

export interface DeadLetterSummaryPage {
  items: DeadLetterSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export type RedriveSummary = { redriven: true; alreadyRedriven: boolean; record: DeadLetterSummary };

/** Errors raised by the platform itself, whose messages are built from names only (no payload values). */
const REASON_SHOWN_FOR: ReadonlySet<string> = new Set(['ContractValidationError', 'WrongTopicError', 'InvalidEnvelopeError']);

export function summarizeDeadLetter(record: DeadLetterRecord): DeadLetterSummary {
  return {
    id: record.id,
    groupId: record.groupId,
    deadLetterTopic: record.deadLetterTopic,
    originalTopic: record.originalTopic,
    originalPartition: record.originalPartition,
    originalOffset: record.originalOffset,
    messageId: typeof record.event?.messageId === 'string' ? record.event.messageId : null,
    type: typeof record.event?.type === 'string' ? record.event.type : null,
    version: typeof record.event?.version === 'number' ? record.event.version : null,
    errorCode: record.error.name,
    reason: REASON_SHOWN_FOR.has(record.error.name) ? record.error.message : null,
    attempts: record.attempts,
    deadLetteredAt: record.deadLetteredAt,
    redrivenAt: record.redrivenAt,
    redriveCount: record.redriveCount,
  };
}

/**
 * The consuming service's dead-letter table. Dead letters are recorded here as they are produced (the
 * consumer's `recordDeadLetter` hook), on either transport, as well as published to the dead-letter topic.
 */
export class DeadLetterStore {
  private readonly table: string;

  constructor(
    private readonly sql: SqlExecutor,
    schema?: string,
  ) {
    this.table = qualifiedTable(schema, DEAD_LETTER_TABLE);
  }

  /** The hook to pass as `ConsumerOptions.recordDeadLetter`. */
  recorder(deadLetterTopic: string): (letter: DeadLetter) => Promise<void> {
    return (letter) => this.record(letter, deadLetterTopic);
  }

  async record(letter: DeadLetter, deadLetterTopic: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO ${this.table} (id, group_id, dead_letter_topic, original_topic, original_partition, original_offset,
         message_id, event_type, event_version, error_name, error_message, attempts, dead_lettered_at, event, raw_value)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15)
       ON CONFLICT (group_id, original_topic, original_partition, original_offset) DO NOTHING`,
      [
        letter.id,
        letter.groupId,
        deadLetterTopic,
        letter.originalTopic,
        letter.originalPartition,
        letter.originalOffset,
        letter.event?.messageId ?? null,
        letter.event?.type ?? null,
        letter.event?.version ?? null,
        letter.error.name,
        letter.error.message,
        letter.attempts,
        letter.deadLetteredAt,
        letter.event ? JSON.stringify(letter.event) : null,
        letter.rawValue,
      ],
    );
  }

  async list(query: DeadLetterQuery = {}): Promise<DeadLetterPage> {
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(200, Math.max(1, Math.floor(query.pageSize ?? 50)));
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.topic) where.push(`original_topic = $${params.push(query.topic)}`);
    if (query.type) where.push(`event_type = $${params.push(query.type)}`);
    if (query.pendingOnly) where.push('redriven_at IS NULL');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.sql.query<{ total: string }>(`SELECT count(*)::text AS total FROM ${this.table} ${filter}`, params);
    const rows = await this.sql.query<Row>(
      `SELECT * FROM ${this.table} ${filter} ORDER BY dead_lettered_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { items: rows.map(toRecord), page, pageSize, total: Number(count?.total ?? 0) };
  }

  async get(id: string): Promise<DeadLetterRecord> {
    if (!isUuid(id)) throw new DeadLetterNotFoundError(id);
    const [row] = await this.sql.query<Row>(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);
    if (!row) throw new DeadLetterNotFoundError(id);
    return toRecord(row);
  }

  /**
   * Publishes the original event again to its original topic (same message id, so a consumer that did handle
   * it after all absorbs it) and marks the dead letter re-driven, idempotently: the row is locked while
   * publishing, and a dead letter already re-driven is not published again.
   */
  async redrive(id: string, publish: (topic: string, event: IntegrationEvent) => Promise<void>): Promise<RedriveResult> {
    if (!isUuid(id)) throw new DeadLetterNotFoundError(id);
    return this.sql.transaction(async (tx) => {
      const [row] = await tx.query<Row>(`SELECT * FROM ${this.table} WHERE id = $1 FOR UPDATE`, [id]);
      if (!row) throw new DeadLetterNotFoundError(id);
      if (row.redriven_at) return { redriven: true, alreadyRedriven: true, record: toRecord(row) };
      if (!row.event) throw new DeadLetterNotRedrivableError(id);
      // Published before the mark commits: a crash in between re-publishes on the next request, and the
      // consumer's inbox absorbs the duplicate; marking first could lose the message.
      await publish(row.original_topic, row.event);
      const [updated] = await tx.query<Row>(
        `UPDATE ${this.table} SET redriven_at = now(), redrive_count = redrive_count + 1 WHERE id = $1 RETURNING *`,
        [id],
      );
      if (!updated) throw new DeadLetterNotFoundError(id);
      return { redriven: true, alreadyRedriven: false, record: toRecord(updated) };
    });
  }
}

function toRecord(row: Row): DeadLetterRecord {
  return {
    id: row.id,
    groupId: row.group_id,
    deadLetterTopic: row.dead_letter_topic,
    originalTopic: row.original_topic,
    originalPartition: row.original_partition,
    originalOffset: row.original_offset,
    error: { name: row.error_name, message: row.error_message },
    attempts: row.attempts,
    deadLetteredAt: new Date(row.dead_lettered_at).toISOString(),
    event: row.event,
    rawValue: row.raw_value,
    redrivenAt: row.redriven_at ? new Date(row.redriven_at).toISOString() : null,
    redriveCount: row.redrive_count,
  };
}

function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
