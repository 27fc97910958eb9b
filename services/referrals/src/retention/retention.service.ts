import { quotedSchema } from '@stepwell/read-models';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import { type Principal, PolicyAccessService } from '@stepwell/access';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { deterministicUuid } from '@stepwell/decider';
import { type Actor, EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { CLOCK, type Clock, type Page, pageOf, type PageRequest } from '@stepwell/http';
import { addYears, RETENTION_SCHEDULE, retentionEndsOn } from '@stepwell/personal-data';
import { DataSource } from 'typeorm';
import { londonDateOf } from '../domain/care-episode/london-date';
import {
  RetentionError,
  type RetentionCommand,
  retentionDecider,
  type RetentionEvent,
  type RetentionState,
  retentionStreamId,
} from '../domain/retention/retention.decider';
import { ReferralsAccessTargets } from '../access/referrals-access-targets';
import { PatientErasureHandler } from '../shared/patient-erasure.handler';
import { PatientIndex } from '../shared/patient-index';
import type { DateOfDeathRequest, RetentionReviewRequest, RetentionView } from './retention.requests';

export const RETENTION_COMMANDS = 'RETENTION_COMMANDS';
export const retentionCommandsProvider: Provider = {
  provide: RETENTION_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, retentionDecider),
  inject: [EVENT_STORE],
};

/** Every record of this service is a mental health record (the platform's purpose); the rule is data in @stepwell/personal-data. */
const RULE = RETENTION_SCHEDULE['mental-health'];

type Context = { correlationId: string; actor: Actor; expectedRevision?: number | 'no_stream'; idempotencyKey?: string };
type Outcome = { view: RetentionView; revision: number; replayed?: boolean; location?: string };

interface ContactFacts {
  inCare: boolean;
  /** Latest referral, triage decision, discharge, consultation, attended appointment or social prescription accepted. */
  lastContactAt: Date | null;
}

/**
 * Retention of a person's record (issue 15 item 3): the period from the last contact this service knows of (the
 * latest referral received, triage decision or discharge of the person and of the records merged into them, and the
 * latest consultation about them asked or answered, attended appointment or social prescription accepted, as the
 * other services published them — hazard H-RT2) and the
 * date of death, by the rule of the Records Management Code of Practice; a privacy officer's review once it has
 * ended — destroy (an erasure by shredding, lawful basis Art. 17(1)(a)) or extend — and legal holds that stop
 * destruction. Care still open (a referral awaiting triage, an episode not discharged) never falls due.
 */
@Injectable()
export class RetentionService {
  constructor(
    @Inject(RETENTION_COMMANDS) private readonly commands: CommandHandler<RetentionCommand, RetentionEvent, RetentionState>,
    private readonly dataSource: DataSource,
    private readonly index: PatientIndex,
    private readonly erasure: PatientErasureHandler,
    private readonly policy: PolicyAccessService,
    private readonly targets: ReferralsAccessTargets,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private today(): string {
    return londonDateOf(this.clock.now());
  }

  /** The person's retention as it stands, with the stream's revision (the ETag). */
  async read(patientSubjectId: string): Promise<{ view: RetentionView; revision: number }> {
    const { view, revision } = await this.readWithFacts(patientSubjectId);
    return { view, revision };
  }

  private async readWithFacts(patientSubjectId: string): Promise<{ view: RetentionView; revision: number; facts: ContactFacts }> {
    const { state, revision } = await this.commands.load(retentionStreamId(patientSubjectId));
    const facts = await this.factsOf(patientSubjectId);
    return { view: this.viewOf(patientSubjectId, state, facts), revision: revision ?? -1, facts };
  }

  /** The person's contacts here, over their record and the records merged into it. */
  private async factsOf(patientSubjectId: string): Promise<ContactFacts> {
    return this.contactOf([patientSubjectId, ...(await this.index.duplicatesOf(patientSubjectId))]);
  }

  /**
   * The organisation's people whose period has ended and awaits review, the earliest end first: people it received a
   * referral of or provides (provided) an episode to, decided one by one by the access policy before paging.
   */
  async due(organisation: string, request: PageRequest, principal: Principal): Promise<Page<RetentionView>> {
    const today = this.today();
    // A coarse cut in SQL (the 20 years after last contact are the shortest possible period), the exact one below.
    const cutoff = `${addYears(today, -RULE.afterLastContactYears)}T23:59:59.999Z`;
    const s = quotedSchema(this.dataSource);
    const rows = (await this.dataSource.query(
      `WITH subjects AS (
         SELECT patient_subject_id FROM ${s}."referral_queue" WHERE receiving_organisation = $1
         UNION SELECT patient_subject_id FROM ${s}."episode_waiting" WHERE providing_organisation_id = $1
       )
       SELECT s.patient_subject_id AS id FROM subjects s
        WHERE NOT EXISTS (SELECT 1 FROM ${s}."referral_queue" r WHERE r.patient_subject_id = s.patient_subject_id AND r.status = 'awaiting-triage')
          AND NOT EXISTS (SELECT 1 FROM ${s}."episode_waiting" e WHERE e.patient_subject_id = s.patient_subject_id AND e.status <> 'Discharged')
          AND NOT EXISTS (SELECT 1 FROM ${s}."referral_queue" r WHERE r.patient_subject_id = s.patient_subject_id
                            AND greatest(r.received_at, coalesce(r.decided_at, r.received_at)) > $2::timestamptz + interval '1 day')
          AND NOT EXISTS (SELECT 1 FROM ${s}."episode_waiting" e WHERE e.patient_subject_id = s.patient_subject_id
                            AND (e.state->'discharge'->>'at')::timestamptz > $2::timestamptz + interval '1 day')
          AND NOT EXISTS (SELECT 1 FROM ${s}."known_consultations" c WHERE c.patient_subject_id = s.patient_subject_id
                            AND greatest(c.requested_at, coalesce(c.answered_at, c.requested_at)) > $2::timestamptz + interval '1 day')
          AND NOT EXISTS (SELECT 1 FROM ${s}."known_mdt_cases" m WHERE m.patient_subject_id = s.patient_subject_id
                            AND m.decided_at > $2::timestamptz + interval '1 day')
          AND NOT EXISTS (SELECT 1 FROM ${s}."patient_contacts" pc WHERE pc.patient_subject_id = s.patient_subject_id
                            AND pc.last_contact_at > $2::timestamptz + interval '1 day')
        ORDER BY 1`,
      [organisation, cutoff],
    )) as Array<{ id: string }>;
    const views: RetentionView[] = [];
    for (const { id } of rows) {
      const { view } = await this.read(id);
      if (view.due) views.push(view);
    }
    const targets = [];
    for (const view of views) {
      const target = await this.targets.resolve('patient', view.id);
      if (target) targets.push({ ...target, view });
    }
    const allowed = await this.policy.visible(principal, 'patient.retention', targets);
    const ordered = allowed.map((target) => target.view).sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '') || a.id.localeCompare(b.id));
    return pageOf(ordered, request);
  }

  async recordDeath(patientSubjectId: string, request: DateOfDeathRequest, context: Context): Promise<Outcome> {
    const at = this.clock.now();
    return this.run(patientSubjectId, { type: 'RecordDateOfDeath', data: { diedOn: request.diedOn, source: request.source, recordedAt: at, today: this.today() } }, context, at);
  }

  async placeHold(patientSubjectId: string, reason: string, context: Context): Promise<Outcome & { holdId: string }> {
    const at = this.clock.now();
    const holdId = context.idempotencyKey
      ? deterministicUuid(`referrals/legal-hold/${context.actor.organisationId}/${patientSubjectId}/${context.idempotencyKey}`)
      : randomUUID();
    const outcome = await this.run(patientSubjectId, { type: 'PlaceLegalHold', data: { holdId, reason, placedByOrganisation: context.actor.organisationId, placedAt: at } }, context, at);
    return { ...outcome, holdId, location: `/patients/${patientSubjectId}/retention` };
  }

  async liftHold(patientSubjectId: string, holdId: string, reason: string, context: Context): Promise<Outcome> {
    const at = this.clock.now();
    return this.run(patientSubjectId, { type: 'LiftLegalHold', data: { holdId, reason, liftedAt: at } }, context, at);
  }

  /**
   * A review: the period is computed here from the record as it stands (never taken from the caller). A destroy
   * decision is recorded first, then carried out as an erasure by shredding (idempotent: repeating the request after a
   * crash between the two completes it).
   */
  async review(patientSubjectId: string, request: RetentionReviewRequest, context: Context): Promise<Outcome> {
    const at = this.clock.now();
    const current = await this.readWithFacts(patientSubjectId);
    if (current.view.inCare || current.view.dueOn === null) {
      throw new RetentionError('RETENTION_NOT_DUE', 'Care is still open here (or nothing is recorded): the retention period has not started');
    }
    // The end of the period was computed from the stream as read: the review is appended against that revision, so a
    // date of death or an extension recorded meanwhile makes it conflict (409) instead of being judged on a stale end.
    const pinned = { ...context, expectedRevision: context.expectedRevision ?? (current.revision < 0 ? 'no_stream' : current.revision) };
    const data = this.reviewData(patientSubjectId, request, context, at, current.view.dueOn);
    const outcome = await this.run(patientSubjectId, { type: 'ReviewRetention', data }, pinned, at, current.facts);
    const destroyed = outcome.view.reviews.find((review) => review.decision === 'destroy');
    if (!destroyed) return outcome;
    const erased = await this.erasure.handle(
      patientSubjectId,
      { lawfulBasis: 'art17-1a-no-longer-necessary', reason: `Retention period ended on ${destroyed.dueOn}; review ${destroyed.reviewId}` },
      { correlationId: context.correlationId, actor: context.actor, idempotencyKey: `retention-review-${destroyed.reviewId}` },
    );
    return { ...outcome, view: { ...outcome.view, erasureId: erased.view.erasureId } };
  }

  private reviewData(patientSubjectId: string, request: RetentionReviewRequest, context: Context, at: string, dueOn: string) {
    // Scoped to the person as a legal hold's id is: one Idempotency-Key reused for two people names two reviews.
    const reviewId = context.idempotencyKey
      ? deterministicUuid(`referrals/retention-review/${context.actor.organisationId}/${patientSubjectId}/${context.idempotencyKey}`)
      : randomUUID();
    return {
      reviewId,
      decision: request.decision,
      reason: request.reason,
      extendedUntil: request.extendUntil ?? null,
      dueOn,
      reviewedByOrganisation: context.actor.organisationId,
      reviewedAt: at,
      today: this.today(),
    };
  }

  /** Appends the command; `known` facts (read just before, unchanged by a retention event) spare a second read. */
  private async run(patientSubjectId: string, command: RetentionCommand, context: Context, at: string, known?: ContactFacts): Promise<Outcome> {
    const result = await this.commands.handle(retentionStreamId(patientSubjectId), command, {
      metadata: requestMetadata(context.correlationId, at, context.actor, patientSubjectId),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    const facts = known ?? (await this.factsOf(patientSubjectId));
    return { view: this.viewOf(patientSubjectId, result.state, facts), revision: result.revision ?? -1, replayed: result.replayed };
  }

  private viewOf(id: string, state: RetentionState, facts: ContactFacts): RetentionView {
    const lastContactOn = facts.lastContactAt ? londonDateOf(facts.lastContactAt.toISOString()) : null;
    const period =
      facts.inCare || lastContactOn === null ? null : retentionEndsOn(RULE, { lastContactOn, diedOn: state.diedOn, extendedUntil: state.extendedUntil });
    return {
      id,
      recordClass: RULE.recordClass,
      source: RULE.source,
      inCare: facts.inCare,
      lastContactOn,
      diedOn: state.diedOn,
      extendedUntil: state.extendedUntil,
      dueOn: period?.endsOn ?? null,
      basis: period?.basis ?? null,
      due: period !== null && state.destroyedAt === null && period.endsOn <= this.today(),
      legalHolds: state.holds.map((hold) => ({ ...hold })),
      reviews: state.reviews.map((review) => ({ ...review })),
      destroyedAt: state.destroyedAt,
    };
  }

  /** The last contact and open care of the person's records here, from the read models. */
  private async contactOf(patientSubjectIds: string[]): Promise<ContactFacts> {
    const s = quotedSchema(this.dataSource);
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT max(greatest(received_at, coalesce(decided_at, received_at))) FROM ${s}."referral_queue" WHERE patient_subject_id = ANY($1)) AS last_referral,
         (SELECT max((state->'discharge'->>'at')::timestamptz) FROM ${s}."episode_waiting" WHERE patient_subject_id = ANY($1)) AS last_discharge,
         (SELECT max(greatest(requested_at, coalesce(answered_at, requested_at))) FROM ${s}."known_consultations" WHERE patient_subject_id = ANY($1)) AS last_consultation,
         (SELECT max(decided_at) FROM ${s}."known_mdt_cases" WHERE patient_subject_id = ANY($1)) AS last_mdt_case,
         (SELECT max(last_contact_at) FROM ${s}."patient_contacts" WHERE patient_subject_id = ANY($1)) AS last_reported,
         EXISTS (SELECT 1 FROM ${s}."referral_queue" WHERE patient_subject_id = ANY($1) AND status = 'awaiting-triage')
           OR EXISTS (SELECT 1 FROM ${s}."episode_waiting" WHERE patient_subject_id = ANY($1) AND status <> 'Discharged') AS in_care`,
      [patientSubjectIds],
    )) as Array<{ last_referral: Date | null; last_discharge: Date | null; last_consultation: Date | null; last_mdt_case: Date | null; last_reported: Date | null; in_care: boolean }>;
    // An MDT case discussion about the person is a contact as a consultation is (hazard H-RT2, H-MF2).
    const candidates = [row?.last_referral, row?.last_discharge, row?.last_consultation, row?.last_mdt_case, row?.last_reported].filter((value): value is Date => value instanceof Date);
    const lastContactAt = candidates.length === 0 ? null : new Date(Math.max(...candidates.map((value) => value.getTime())));
    return { inCare: row?.in_care === true, lastContactAt };
  }

}
