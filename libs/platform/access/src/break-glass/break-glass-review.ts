import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WrongExpectedRevisionError, type NewEvent, type RecordedEvent } from '@stepwell/event-store';
import { pageOf, type Page, type PageRequest } from '@stepwell/http';
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
  review: { decision: BreakGlassDecision; note: string; reviewedBy: BreakGlassReviewed['reviewedBy']; at: string } | null;
}

export interface BreakGlassQueueFilter {
  /** ODS code of the organisation whose staff broke the glass. An auditor may name only their own. */
  organisation?: string | undefined;
  /** true: decided ones only; false: still waiting for a decision; undefined: both. */
  reviewed?: boolean | undefined;
}

const SCAN_BATCH = 500;
const REVIEW_ATTEMPTS = 3;

export function isNationalAuditor(principal: Principal): boolean {
  return principal.roles.includes('national-auditor');
}

/**
 * The break-glass review queue, read straight from the access streams in the event store (the legal record), so
 * it cannot disagree with the audit trail. An organisation's `auditor` (its privacy officer) sees and decides the
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
    const all = (await this.scan()).filter(
      (item) =>
        (organisation === undefined || item.organisationId === organisation) &&
        (filter.reviewed === undefined || (item.review !== null) === filter.reviewed),
    );
    const result = pageOf(all, page);
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
    decision: { decision: BreakGlassDecision; note: string },
    correlationId: string,
  ): Promise<BreakGlassQueueItem> {
    const grant = (await this.scan()).find((item) => item.id === grantId);
    if (!grant) throw new BreakGlassGrantNotFoundError();
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

  /** Every grant with its review, oldest first. A full scan of the access category: see the README's limits. */
  private async scan(): Promise<BreakGlassQueueItem[]> {
    const grants = new Map<string, BreakGlassQueueItem>();
    const reviews: BreakGlassReviewed[] = [];
    let after: number | undefined;
    for (;;) {
      const batch: RecordedEvent[] = await this.options.eventStore.readCategory(ACCESS_STREAM_CATEGORY, {
        ...(after === undefined ? {} : { after }),
        maxCount: SCAN_BATCH,
      });
      for (const event of batch) {
        after = event.globalPosition;
        if (event.type === BREAK_GLASS_ACCESS_GRANTED) {
          const data = event.data as BreakGlassAccessGranted;
          grants.set(event.id, {
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
            review: null,
          });
        } else if (event.type === BREAK_GLASS_REVIEWED) {
          reviews.push(event.data as BreakGlassReviewed);
        }
      }
      if (batch.length < SCAN_BATCH) break;
    }
    for (const review of reviews) {
      const grant = grants.get(review.grantId);
      if (grant && grant.review === null) {
        grant.review = { decision: review.decision, note: review.note, reviewedBy: review.reviewedBy, at: review.at };
      }
    }
    return [...grants.values()];
  }

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }
}
