import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import { pageEnvelope, pageOffset, type Page, type PageRequest } from '@stepwell/http';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { AccessAuditor } from '../audit/access-auditor';
import {
  accessStreamId,
  BREAK_GLASS_ACCESS_GRANTED,
  BREAK_GLASS_REVIEWED,
  PATIENT_RECORD_ACCESSED,
  type BreakGlassAccessGranted,
  type BreakGlassReviewed,
  type PatientRecordAccessed,
} from '../audit/access-events';
import { NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';
import type { RelationshipKind } from '../policy/access-policy';
import type { AccessTarget } from '../policy/access-target';
import { decideAccess } from '../policy/decide-access';
import { PolicyAccessService } from '../policy/policy-access.service';

/**
 * What happened: `read` (data shown), `change` (a command's answer: the caller changed the record),
 * `break-glass` (emergency access opened), `break-glass-review` (a privacy officer's decision on it), `refused`
 * (an attempt the policy turned down), or the event type for kinds this version does not know yet.
 */
export type AccessLogAction = 'read' | 'change' | 'break-glass' | 'break-glass-review' | 'refused' | string;

export interface AccessLogEntry {
  /** The access event's id. */
  id: string;
  /** ISO 8601. */
  at: string;
  action: AccessLogAction;
  who: { userId: string; role: string; organisationId: string; organisationType: string | null };
  /** Kind of record (`referral`, `journey`, `questionnaire-response`, ...) and the ids of those shown. */
  resource: string | null;
  resourceIds: string[];
  /** `break-glass`, `privacy-oversight`, or the relationship the access rested on (`relationship` or its kind). */
  basis: string | null;
  purpose: string | null;
  /** Break-glass only: the reason the clinician gave, and the grant a read was made under. */
  reason?: string;
  breakGlassGrantId?: string;
  /** Break-glass reviews only. */
  decision?: string;
}

type Loose = Record<string, unknown>;
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** One access event as a line of the patient's access log. Unknown kinds still show who, when and what. */
export function accessLogEntryOf(event: RecordedEvent): AccessLogEntry {
  const data = (event.data ?? {}) as Loose;
  const actor = event.metadata.actor;
  const base: AccessLogEntry = {
    id: event.id,
    at: text(data['at']) ?? event.metadata.occurredAt,
    action: /Refused$/.test(event.type) ? 'refused' : event.type,
    who: {
      userId: text(data['userId']) ?? actor.userId,
      role: text(data['role']) ?? actor.role,
      organisationId: text(data['organisationId']) ?? actor.organisationId,
      organisationType: text(data['organisationType']),
    },
    resource: text(data['resource']),
    resourceIds: Array.isArray(data['resourceIds']) ? (data['resourceIds'] as unknown[]).map(String) : [],
    basis: text(data['relationshipKind']) ?? text(data['basis']),
    purpose: text(data['purpose']),
  };
  if (event.type === PATIENT_RECORD_ACCESSED) {
    const read = data as Partial<PatientRecordAccessed>;
    return {
      ...base,
      action: read.operation === 'change' ? 'change' : 'read',
      ...(read.breakGlassGrantId ? { breakGlassGrantId: read.breakGlassGrantId } : {}),
    };
  }
  if (event.type === BREAK_GLASS_ACCESS_GRANTED) {
    const grant = data as Partial<BreakGlassAccessGranted>;
    return { ...base, action: 'break-glass', basis: 'break-glass', purpose: 'emergency', reason: grant.reason ?? '', breakGlassGrantId: event.id };
  }
  if (event.type === BREAK_GLASS_REVIEWED) {
    const review = data as Partial<BreakGlassReviewed>;
    return {
      ...base,
      action: 'break-glass-review',
      who: {
        userId: review.reviewedBy?.userId ?? actor.userId,
        role: review.reviewedBy?.role ?? actor.role,
        organisationId: review.reviewedBy?.organisationId ?? actor.organisationId,
        organisationType: null,
      },
      resource: 'break-glass-grant',
      resourceIds: review.grantId ? [review.grantId] : [],
      basis: 'privacy-oversight',
      purpose: 'privacy-audit',
      ...(review.grantId ? { breakGlassGrantId: review.grantId } : {}),
      ...(review.decision ? { decision: review.decision } : {}),
    };
  }
  return base;
}

/**
 * A patient's access log: every entry of their access trail (`access-<patientSubjectId>`), newest first. For the
 * privacy officer (`auditor`) of an organisation with a care relationship with the patient, or a
 * `national-auditor` (`patient.oversee` of the policy table). Reading it is itself audited (basis `privacy-oversight`) and appears in the next read.
 */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(PolicyAccessService) private readonly policy: PolicyAccessService,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
  ) {}

  async read(principal: Principal, patientSubjectId: string, page: PageRequest, correlationId: string): Promise<Page<AccessLogEntry>> {
    return this.oversee(principal, patientSubjectId, { resource: 'access-log', correlationId }, () => this.page(patientSubjectId, page));
  }

  /**
   * An auditor's read of one patient's record for oversight (this access log, the case history of
   * @stepwell/transparency): `patient.oversee` of the one policy table — the `auditor` of an organisation with a
   * relationship with the patient (any kind, from the relationship rows), or a `national-auditor` (the
   * `national-oversight` kind, which every caller is offered: the role is what grants); anyone else is refused with
   * 403, whether or not the patient is known. The read is audited once it is done (basis `privacy-oversight`, purpose
   * `privacy-audit`), so it appears in the next read of the log.
   */
  async oversee<T>(principal: Principal, patientSubjectId: string, what: { resource: string; correlationId: string }, read: () => Promise<T>): Promise<T> {
    const target: AccessTarget = {
      type: 'patient',
      id: patientSubjectId,
      patientSubjectId,
      referralId: null,
      episodeId: null,
      awaitingTriage: false,
      consentToShare: false,
    };
    // First, so that a principal who is both auditors reads as the national one, as before.
    const kinds = new Set<RelationshipKind>(['national-oversight']);
    for (const kind of await this.policy.kindsOf(principal.organisationId, target, principal.organisationType)) kinds.add(kind);
    const decision = decideAccess({
      organisationType: principal.organisationType,
      roles: principal.roles,
      action: 'patient.oversee',
      kinds,
      consentToShare: false,
      awaitingTriage: false,
      breakGlass: false,
    });
    if (!decision.allowed) throw new NoLegitimateRelationshipError();
    const result = await read();
    await this.auditor.recordRead(principal, {
      patientSubjectId,
      resource: what.resource,
      resourceIds: [],
      correlationId: what.correlationId,
      role: decision.role,
      purpose: 'privacy-audit',
      basis: 'privacy-oversight',
      operation: 'read',
    });
    return result;
  }

  /**
   * One page of the patient's access stream, newest first, read by revision: the last event gives the total, then
   * only the page's events are read (the cost is the page, never the whole trail nor the whole access category).
   */
  private async page(patientSubjectId: string, page: PageRequest): Promise<Page<AccessLogEntry>> {
    const stream = accessStreamId(patientSubjectId);
    const [last] = await this.options.eventStore.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const total = last ? last.revision + 1 : 0;
    const offset = pageOffset(page);
    const events =
      offset < total ? await this.options.eventStore.readStream(stream, { direction: 'backwards', fromRevision: total - 1 - offset, maxCount: page.pageSize }) : [];
    return pageEnvelope(events.map(accessLogEntryOf), page, total);
  }
}
