import { Inject, Injectable, Optional, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ModuleRef } from '@nestjs/core';
import { categoryOf, type RecordedEvent } from '@stepwell/event-store';
import { ACCESS_OPTIONS, type AccessModuleOptions } from '../access-options';
import { accessLogEntryOf, type AccessLogEntry } from '../access-log/access-log';
import { AccessAuditor } from '../audit/access-auditor';
import { accessStreamId } from '../audit/access-events';
import { AccessError, ActionNotPermittedError } from '../errors';
import type { RelationshipKind } from '../policy/access-policy';
import type { AccessTarget } from '../policy/access-target';
import { decideAccess } from '../policy/decide-access';
import { PolicyAccessService } from '../policy/policy-access.service';
import type { Principal } from '../principal/principal';

/**
 * The right of access (UK GDPR Article 15; ICO, "Right of access" guidance, https://ico.org.uk/for-organisations/
 * uk-gdpr-guidance-and-resources/individual-rights/individual-rights/right-of-access/): a copy of the personal data
 * held about the person, the purposes, the recipients it was disclosed to, and where it came from. Each service
 * answers `GET /patients/{id}/subject-access` with what IT holds (its events about the person, opened with the
 * person's keys, in plain language, and its access log of who looked, when and why); the referrals service gathers
 * the five answers into one export.
 */
export interface SubjectAccessEntry {
  /** Stable across calls: `<service>:<global position>`, so a redaction marked on it names the same fact later. */
  entryId: string;
  service: string;
  /** When it happened in the world (ISO 8601). */
  occurredAt: string;
  /** The event type as stored (`ReferralReceived`). */
  type: string;
  /** The fact in plain language, for the person. */
  summary: string;
  /** Who recorded it: user, role, organisation (ODS code). */
  actor: { userId: string; role: string; organisationId: string };
  /** The record itself, as held (sealed fields opened; an erased person's read `[erased]`). */
  data: unknown;
}

export interface SubjectAccessHoldings {
  service: string;
  patientSubjectId: string;
  generatedAt: string;
  /** Every fact the service's log holds about the person, oldest first. */
  entries: SubjectAccessEntry[];
  /** Who read or changed the person's record in this service, when, and on which basis and for which purpose, oldest first. */
  accessLog: AccessLogEntry[];
}

/** One sentence per event type, from the event's data; a type without one reads as its name ("Referral received"). */
export type SubjectAccessSentences = Readonly<Record<string, (data: Record<string, unknown>) => string>>;

/** What a service supplies (under `SUBJECT_ACCESS_RENDERING`, in its own module): its name and its sentences. */
export interface SubjectAccessRendering {
  service: string;
  sentences: SubjectAccessSentences;
  /** Types whose data is not repeated (e.g. the gathered copy of an earlier export): the sentence says what it was. */
  summaryOnly?: readonly string[];
}
export const SUBJECT_ACCESS_RENDERING = Symbol('stepwell:access:subject-access-rendering');

/**
 * For a service whose relationships come from its own records rather than relationship rows (the directory: a social
 * prescription's link-worker organisation; consultations: the requester and the consultation service asked), the
 * kinds an organisation has with the person as a whole there (under `SUBJECT_ACCESS_RELATIONSHIPS`). Read from the
 * service's own records, never from the caller.
 */
export interface SubjectAccessRelationships {
  kindsOf(organisationId: string, patientSubjectId: string): Promise<readonly RelationshipKind[]>;
}
export const SUBJECT_ACCESS_RELATIONSHIPS = Symbol('stepwell:access:subject-access-relationships');

/**
 * Where a service's own records relate organisations to a person: one table holding the person's subject id
 * (`patient_subject_id`) and, per relationship kind, the column naming the organisation that record relates that way
 * (the directory: a social prescription's link-worker organisation holds it; consultations: the organisation that asked
 * and the consultation service asked).
 */
export interface RecordRelationships {
  /** Schema and table, e.g. `{ schema: 'directory', table: 'social_prescriptions' }`. */
  schema: string;
  table: string;
  /** Per kind, the column naming the organisation. */
  kinds: Partial<Record<RelationshipKind, string>>;
}

const SQL_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The one `SUBJECT_ACCESS_RELATIONSHIPS` provider of a service whose records name the organisations: the kinds an
 * organisation has with the person as a whole there are those of any of the person's records naming it (one query).
 */
export function subjectAccessRelationshipsFrom(source: RecordRelationships): Provider {
  const entries = Object.entries(source.kinds) as Array<[RelationshipKind, string]>;
  for (const name of [source.schema, source.table, ...entries.map(([, column]) => column)]) {
    if (!SQL_NAME.test(name)) throw new Error(`subjectAccessRelationshipsFrom: "${name}" is not a plain lower-case SQL name`);
  }
  const sql = `SELECT ${entries.map(([, column], index) => `bool_or(${column} = $2) AS k${index}`).join(', ')}
                 FROM "${source.schema}"."${source.table}" WHERE patient_subject_id = $1`;
  return {
    provide: SUBJECT_ACCESS_RELATIONSHIPS,
    inject: [DataSource],
    useFactory: (dataSource: DataSource): SubjectAccessRelationships => ({
      async kindsOf(organisationId, patientSubjectId) {
        const [row] = (await dataSource.query(sql, [patientSubjectId, organisationId])) as Array<Record<string, boolean | null>>;
        return entries.filter((_, index) => row?.[`k${index}`] === true).map(([kind]) => kind);
      },
    }),
  };
}

/** `ReferralReceived` → `Referral received`. */
export function plainType(type: string): string {
  const words = type.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function subjectAccessEntryOf(
  service: string,
  sentences: SubjectAccessSentences,
  event: RecordedEvent,
  summaryOnly: readonly string[] = [],
): SubjectAccessEntry {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const sentence = sentences[event.type];
  let summary: string;
  try {
    summary = sentence ? sentence(data) : `${plainType(event.type)}.`;
  } catch {
    // A sentence that does not fit an old shape of the event must not lose the fact: the type still says it.
    summary = `${plainType(event.type)}.`;
  }
  return {
    entryId: `${service}:${event.globalPosition}`,
    service,
    occurredAt: event.metadata.occurredAt,
    type: event.type,
    summary,
    actor: { userId: event.metadata.actor.userId, role: event.metadata.actor.role, organisationId: event.metadata.actor.organisationId },
    data: summaryOnly.includes(event.type) ? null : event.data,
  };
}

/** A stranger to the person learns nothing, not even that the service knows them (404, as for an unknown id). */
export class SubjectNotFoundError extends AccessError {
  constructor() {
    super('NOT_FOUND', 'No such patient');
  }
}

/**
 * Gathers one service's holdings about a person for a subject access request, decided by the one policy table
 * (`patient.subject-access`: the privacy officer of an organisation in the person's care) and audited as a read
 * (purpose `subject-access-request`) before it is answered; a refusal is audited too.
 */
@Injectable()
export class SubjectAccessCollector {
  constructor(
    @Inject(ACCESS_OPTIONS) private readonly options: AccessModuleOptions,
    @Inject(PolicyAccessService) private readonly policy: PolicyAccessService,
    @Inject(AccessAuditor) private readonly auditor: AccessAuditor,
    @Optional() @Inject(ModuleRef) private readonly modules?: ModuleRef,
  ) {}

  private optional<T>(token: symbol): T | undefined {
    try {
      return this.modules?.get<T>(token, { strict: false });
    } catch {
      return undefined;
    }
  }

  private rendering(): SubjectAccessRendering {
    // No sentences supplied: every fact reads as its type.
    return this.optional<SubjectAccessRendering>(SUBJECT_ACCESS_RENDERING) ?? { service: 'service', sentences: {} };
  }

  async collect(principal: Principal, patientSubjectId: string, correlationId: string): Promise<SubjectAccessHoldings> {
    const target: AccessTarget = {
      type: 'patient',
      id: patientSubjectId,
      patientSubjectId,
      referralId: null,
      episodeId: null,
      awaitingTriage: false,
      consentToShare: false,
    };
    const kinds = await this.policy.kindsOf(principal.organisationId, target);
    for (const kind of (await this.optional<SubjectAccessRelationships>(SUBJECT_ACCESS_RELATIONSHIPS)?.kindsOf(principal.organisationId, patientSubjectId)) ?? []) {
      kinds.add(kind);
    }
    const decision = decideAccess({
      organisationType: principal.organisationType,
      roles: principal.roles,
      action: 'patient.subject-access',
      kinds,
      consentToShare: false,
      awaitingTriage: false,
      breakGlass: false,
    });
    const facts = { patientSubjectId, resource: 'subject-access', correlationId };
    if (!decision.allowed) {
      await this.auditor.recordRefusal(principal, {
        ...facts,
        role: principal.roles[0] ?? 'none',
        action: 'patient.subject-access',
        resourceIds: [patientSubjectId],
        outcome: decision.outcome,
        why: decision.why,
        breakGlassAttempted: false,
      });
      throw decision.outcome === 'not-found' ? new SubjectNotFoundError() : new ActionNotPermittedError();
    }
    const { service, sentences, summaryOnly } = this.rendering();
    const entries = (await this.eventsOf(patientSubjectId)).map((event) => subjectAccessEntryOf(service, sentences, event, summaryOnly));
    const accessLog = (await this.options.eventStore.readStream(accessStreamId(patientSubjectId))).map(accessLogEntryOf);
    const now = (this.options.clock ?? (() => new Date()))();
    await this.auditor.recordRead(principal, {
      ...facts,
      resourceIds: [patientSubjectId],
      role: decision.role,
      purpose: 'subject-access-request',
      basis: decision.basis,
      operation: 'read',
    });
    return { service, patientSubjectId, generatedAt: now.toISOString(), entries, accessLog };
  }

  /**
   * Every event naming the person (`metadata.patientSubjectId`) outside their access trail, in log order: the event
   * store's subject read (an index in PostgreSQL), so its cost is the person's record, not the service's log.
   */
  private async eventsOf(patientSubjectId: string): Promise<RecordedEvent[]> {
    return (await this.options.eventStore.readBySubject([patientSubjectId])).filter((event) => categoryOf(event.streamId) !== 'access');
  }
}
