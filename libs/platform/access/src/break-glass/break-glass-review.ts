import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type NewEvent, type RecordedEvent } from '@stepwell/event-store';
import { pageEnvelope, pageOffset, type Page, type PageRequest } from '@stepwell/http';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { AccessAuditor } from '../audit/access-auditor';
import {
  ACCESS_EVENT_SCHEMA_VERSION,
  ACCESS_STREAM_CATEGORY,
  accessStreamId,
  BREAK_GLASS_ACCESS_GRANTED,
  BREAK_GLASS_REVIEWED,
  type BreakGlassAccessGranted,
  type BreakGlassDecision,
  type BreakGlassReviewed,
} from '../audit/access-events';
import { BreakGlassAlreadyReviewedError, BreakGlassGrantNotFoundError, OrganisationScopeError } from '../errors';
import type { Principal } from '../principal/principal';
import type { Role } from '../principal/vocabulary';
import { qualifiedTable, schemaOf } from '@stepwell/read-models';

/** One break-glass use as its organisation's privacy officer sees it in the review queue. */
export interface BreakGlassQueueItem {
  /** The grant's id (the `BreakGlassAccessGranted` event id): what `POST /audit/break-glass/{id}/review` names. */
  id: string;
  userId: string;
  organisationId: string;
  organisationType: string;
  role: string;
  patientSubjectId: string;
  resource: string;
  reason: string;
  /** When the glass was broken (ISO 8601). */
  at: string;
  /** End of the grant's window; null for grants recorded before windows existed. */
  expiresAt: string | null;
  review: { decision: BreakGlassDecision; note: string | null; reviewedBy: BreakGlassReviewed['reviewedBy']; at: string } | null;
}

export interface BreakGlassQueueFilter {
  /** ODS code of the organisation whose staff broke the glass. An auditor may name only their own. */
  organisation?: string | undefined;
  /** true: decided ones only; false: still waiting for a decision; undefined: both. */
  reviewed?: boolean | undefined;
  /** Grants made at or after this instant (ISO 8601). */
  from?: string | undefined;
  /** Grants made before this instant (ISO 8601). */
  to?: string | undefined;
}

const SCAN_BATCH = 500;

interface QueueRow {
  item: Omit<BreakGlassQueueItem, 'review'>;
  review: BreakGlassQueueItem['review'];
}

/** The item in the order the queue always answered with (jsonb keeps no key order). */
const itemOf = ({ item, review }: QueueRow): BreakGlassQueueItem => ({
  id: item.id,
  userId: item.userId,
  organisationId: item.organisationId,
  organisationType: item.organisationType,
  role: item.role,
  patientSubjectId: item.patientSubjectId,
  resource: item.resource,
  reason: item.reason,
  at: item.at,
  expiresAt: item.expiresAt,
  review: review === null ? null : { decision: review.decision, note: review.note, reviewedBy: review.reviewedBy, at: review.at },
});
const REVIEW_ATTEMPTS = 3;

export function isNationalAuditor(principal: Principal): boolean {
  return principal.roles.includes('national-auditor');
}

/**
 * The break-glass review queue, kept from the access streams in the event store (the legal record) and caught up
 * to their head before every answer, so it cannot disagree with the audit trail; read through an index by
 * organisation (`break_glass_grant`), so its cost does not grow with the whole trail. An organisation's `auditor` (its privacy officer) sees and decides the
 * grants its own staff made; a `national-auditor` sees every organisation's. Listing the queue is itself an
 * audited read (basis `privacy-oversight`), since each item names a patient.
 */
@Injectable()
export class BreakGlassReview {
  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  /** The queue, oldest first (the order of review), paged with the platform's page envelope. */
  async queue(
    principal: Principal,
    filter: BreakGlassQueueFilter,
    page: PageRequest,
    correlationId: string,
  ): Promise<Page<BreakGlassQueueItem>> {
    const organisation = this.scope(principal, filter.organisation);
    await this.catchUp();
    const where = this.where(organisation, filter);
    const rows = (await this.options.dataSource.query(
      `SELECT item, review, count(*) OVER () AS total FROM ${this.table('break_glass_grant')} WHERE ${where.sql}
        ORDER BY position LIMIT $${where.values.length + 1} OFFSET $${where.values.length + 2}`,
      [...where.values, page.pageSize, pageOffset(page)],
    )) as (QueueRow & { total: string })[];
    const result = pageEnvelope(rows.map(itemOf), page, rows[0] ? Number(rows[0].total) : await this.count(where));
    const grantsByPatient = new Map<string, string[]>();
    for (const item of result.items) grantsByPatient.set(item.patientSubjectId, [...(grantsByPatient.get(item.patientSubjectId) ?? []), item.id]);
    for (const [patientSubjectId, resourceIds] of grantsByPatient) {
      await this.auditor.recordRead(principal, {
        patientSubjectId,
        resource: 'break-glass-review',
        resourceIds,
        correlationId,
        role: this.actingRole(principal),
        purpose: 'privacy-audit',
        basis: 'privacy-oversight',
        operation: 'read',
      });
    }
    return result;
  }

  /** Records the privacy officer's decision on one grant: once, by the auditor of the grant's organisation. */
  async review(
    principal: Principal,
    grantId: string,
    decision: { decision: BreakGlassDecision; note: string | null },
    correlationId: string,
  ): Promise<BreakGlassQueueItem> {
    await this.catchUp();
    const [row] = (await this.options.dataSource.query(`SELECT item, review FROM ${this.table('break_glass_grant')} WHERE grant_id = $1`, [
      grantId,
    ])) as QueueRow[];
    if (!row) throw new BreakGlassGrantNotFoundError();
    const grant = itemOf(row);
    if (!principal.roles.includes('auditor') || principal.organisationId !== grant.organisationId) {
      throw new OrganisationScopeError();
    }
    const stream = accessStreamId(grant.patientSubjectId);
    for (let attempt = 1; ; attempt += 1) {
      const events = await this.options.eventStore.readStream(stream);
      if (events.some((event) => event.type === BREAK_GLASS_REVIEWED && (event.data as BreakGlassReviewed).grantId === grantId)) {
        throw new BreakGlassAlreadyReviewedError();
      }
      const at = this.now().toISOString();
      const data: BreakGlassReviewed = {
        grantId,
        patientSubjectId: grant.patientSubjectId,
        organisationId: grant.organisationId,
        decision: decision.decision,
        note: decision.note,
        reviewedBy: { userId: principal.userId, organisationId: principal.organisationId, role: 'auditor' },
        correlationId,
        at,
      };
      const event: NewEvent = {
        id: randomUUID(),
        type: BREAK_GLASS_REVIEWED,
        data,
        metadata: {
          occurredAt: at,
          correlationId,
          causationId: grantId,
          actor: { userId: principal.userId, organisationId: principal.organisationId, role: 'auditor' },
          patientSubjectId: grant.patientSubjectId,
          schemaVersion: ACCESS_EVENT_SCHEMA_VERSION,
        },
      };
      try {
        // Concurrency-checked: two officers deciding at once cannot both succeed.
        await this.options.eventStore.appendToStream(stream, [event], { expectedRevision: events.length - 1 });
        // The answer names the patient: like every response carrying patient data, it is an audited read.
        await this.auditor.recordRead(principal, {
          patientSubjectId: grant.patientSubjectId,
          resource: 'break-glass-review',
          resourceIds: [grantId],
          correlationId,
          role: 'auditor',
          purpose: 'privacy-audit',
          basis: 'privacy-oversight',
          operation: 'change',
        });
        return { ...grant, review: { decision: data.decision, note: data.note, reviewedBy: data.reviewedBy, at } };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= REVIEW_ATTEMPTS) throw error;
      }
    }
  }

  /** Which organisation's grants the principal may see: their own, or any (national auditors). */
  private scope(principal: Principal, asked: string | undefined): string | undefined {
    if (isNationalAuditor(principal)) return asked;
    if (asked !== undefined && asked !== principal.organisationId) throw new OrganisationScopeError();
    return principal.organisationId;
  }

  private actingRole(principal: Principal): Role {
    return isNationalAuditor(principal) ? 'national-auditor' : 'auditor';
  }

  /**
   * The queue's filter as SQL: organisation (indexed), decided or not, and the grant's time within [from, to). The
   * grant time is the item's `at` (ISO 8601, compared as an instant).
   */
  private where(organisation: string | undefined, filter: BreakGlassQueueFilter): { sql: string; values: unknown[] } {
    return {
      sql: `($1::text IS NULL OR organisation_id = $1) AND ($2::boolean IS NULL OR (review IS NOT NULL) = $2)
        AND ($3::timestamptz IS NULL OR (item->>'at')::timestamptz >= $3) AND ($4::timestamptz IS NULL OR (item->>'at')::timestamptz < $4)`,
      values: [organisation ?? null, filter.reviewed ?? null, filter.from ?? null, filter.to ?? null],
    };
  }

  /** The total when the page asked for lies beyond the last item (the windowed count has no row to ride on). */
  private async count(where: { sql: string; values: unknown[] }): Promise<number> {
    const [row] = (await this.options.dataSource.query(
      `SELECT count(*) AS total FROM ${this.table('break_glass_grant')} WHERE ${where.sql}`,
      where.values,
    )) as { total: string }[];
    return Number(row?.total ?? 0);
  }

  /**
   * Brings the queue's read model up to the head of the access category, from its checkpoint: each request reads
   * only what was appended since the last one (never the whole trail), under a row lock so two requests do not
   * apply the same events twice. Grants in global order; a review applies to its grant once (the first decision).
   */
  private async catchUp(): Promise<void> {
    await this.options.dataSource.transaction(async (manager) => {
      const [checkpoint] = (await manager.query(`SELECT position FROM ${this.table('break_glass_queue_checkpoint')} WHERE id = 1 FOR UPDATE`)) as {
        position: string | null;
      }[];
      let after = checkpoint?.position == null ? undefined : Number(checkpoint.position);
      const start = after;
      for (;;) {
        const batch: RecordedEvent[] = await this.options.eventStore.readCategory(ACCESS_STREAM_CATEGORY, {
          ...(after === undefined ? {} : { after }),
          maxCount: SCAN_BATCH,
        });
        for (const event of batch) {
          after = event.globalPosition;
          if (event.type === BREAK_GLASS_ACCESS_GRANTED) {
            const data = event.data as BreakGlassAccessGranted;
            const item: Omit<BreakGlassQueueItem, 'review'> = {
              id: event.id,
              userId: data.userId,
              organisationId: data.organisationId,
              organisationType: data.organisationType,
              role: data.role,
              patientSubjectId: data.patientSubjectId,
              resource: data.resource,
              reason: data.reason,
              at: data.at,
              expiresAt: data.expiresAt ?? null,
            };
            await manager.query(
              `INSERT INTO ${this.table('break_glass_grant')} (grant_id, position, organisation_id, item) VALUES ($1, $2, $3, $4)
               ON CONFLICT (grant_id) DO NOTHING`,
              [event.id, event.globalPosition, data.organisationId, JSON.stringify(item)],
            );
          } else if (event.type === BREAK_GLASS_REVIEWED) {
            const review = event.data as BreakGlassReviewed;
            await manager.query(`UPDATE ${this.table('break_glass_grant')} SET review = $2 WHERE grant_id = $1 AND review IS NULL`, [
              review.grantId,
              JSON.stringify({ decision: review.decision, note: review.note, reviewedBy: review.reviewedBy, at: review.at }),
            ]);
          }
        }
        if (batch.length < SCAN_BATCH) break;
      }
      if (after !== start) {
        await manager.query(`UPDATE ${this.table('break_glass_queue_checkpoint')} SET position = $1 WHERE id = 1`, [after]);
      }
    });
  }

  /** A table of the queue's read model in the service's schema (the DataSource's). */
  private table(name: string): string {
    return qualifiedTable(schemaOf(this.options.dataSource) ?? 'public', name);
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }
}
