import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AccessAction, Principal, Role } from '@stepwell/access';
import { requestMetadata } from '@stepwell/commands';
import { deterministicUuid } from '@stepwell/decider';
import type { Actor } from '@stepwell/event-store';
import { CLOCK, type Clock, type CommandOutcome, type Page, pageEnvelope, pageOffset, RequestValidationError } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '@stepwell/read-models';
import { addDays, ANONYMOUS_CASE_KEY_PREFIX, londonStartOf, mdtStreamId, REFERRAL_OUTCOME_STEPS, type MdtCase, type MdtCaseSubject, type MdtCommand, type MdtMeetingState } from '../domain';
import { CareRelationshipCheck } from '../shared/care-relationship-check';
import { MDT_COMMANDS, type MdtCommands } from '../shared/consultations-commands';
import { MdtAccess } from '../shared/mdt-access';
import { mdtMeetingListItem, mdtMeetingView, type MdtMeetingListItem, type MdtMeetingView } from '../shared/mdt.view';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import type { AddMdtCaseRequest, AgreeMdtActionRequest, MdtDiscussionRequest, MdtMeetingsParams, ScheduleMdtMeetingRequest } from './mdt.requests';

export interface MdtContext {
  correlationId: string;
  actor: Actor;
  principal: Principal;
  expectedRevision?: number;
  idempotencyKey?: string;
}

type Body = MdtCommand extends infer C ? (C extends MdtCommand ? Omit<C, 'by' | 'at'> : never) : never;

/** Whose key seals a case's free text: the identified patient's, or the anonymous case's own (it names nobody). */
const dataKeyOf = (caseId: string, subject: MdtCaseSubject): string => (subject.kind === 'identified' ? subject.patientSubjectId : `${ANONYMOUS_CASE_KEY_PREFIX}${caseId}`);

/** A retry key names one kind of step on the meeting's stream: the same key for a case and an action are two steps. */
const withKeyFor = (step: 'case' | 'action', context: MdtContext): MdtContext =>
  context.idempotencyKey === undefined ? context : { ...context, idempotencyKey: `${step}:${context.idempotencyKey}` };

/**
 * MDT case discussions (issue 16 item 6): every step decided by MdtAccess first (404 to an organisation not in the
 * meeting, the consulting relationship rules per case; nothing written on a refusal), then read, fold, decide and
 * append with the caller's If-Match; the answer is the meeting as the caller may see it, an audited read of every
 * identified case it shows.
 */
@Injectable()
export class MdtHandler {
  constructor(
    @Inject(MDT_COMMANDS) private readonly meetings: MdtCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly access: MdtAccess,
    private readonly careRelationships: CareRelationshipCheck,
    private readonly readModels: ProjectionRunner,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * GET /mdt-meetings: the meetings the caller's own organisation holds or attends (`mdt_meetings.organisation_ids`),
   * starting within [from, to] (Europe/London dates, either open), by start time then id, paged as the worklists
   * are. Each meeting is read from its stream (the team; the agenda as the caller may see it); every identified case
   * shown is an audited read.
   */
  async list(params: MdtMeetingsParams, principal: Principal, role: Role, correlationId: string): Promise<Page<MdtMeetingListItem>> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    if (params.from && params.to && params.from.slice(0, 10) > params.to.slice(0, 10)) {
      throw new RequestValidationError([{ field: 'from', messages: ['from must not be after to'] }]);
    }
    const values = [params.organisation, params.from ? londonStartOf(params.from.slice(0, 10)) : null, params.to ? londonStartOf(addDays(params.to.slice(0, 10), 1)) : null];
    const where = `$1 = ANY(organisation_ids) AND ($2::timestamptz IS NULL OR starts_at >= $2) AND ($3::timestamptz IS NULL OR starts_at < $3)`;
    const rows = (await this.dataSource.query(
      `SELECT meeting_id, count(*) OVER () AS total FROM "consultations"."mdt_meetings" WHERE ${where} ORDER BY starts_at, meeting_id LIMIT $4 OFFSET $5`,
      [...values, params.pageSize, pageOffset(params)],
    )) as Array<{ meeting_id: string; total: string }>;
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(((await this.dataSource.query(`SELECT count(*) AS total FROM "consultations"."mdt_meetings" WHERE ${where}`, values)) as Array<{ total: string }>)[0]?.total ?? 0);
    const items: MdtMeetingListItem[] = [];
    const shown: Array<{ id: string; patientSubjectId: string | null }> = [];
    for (const row of rows) {
      const { state } = await this.meetings.load(mdtStreamId(row.meeting_id));
      if (state.status === 'None') continue;
      const listed = mdtMeetingListItem(state, principal, this.access);
      items.push(listed.item);
      shown.push(...listed.shown);
    }
    await this.access.audit(principal, role, shown, correlationId, 'read');
    return pageEnvelope(items, params, total);
  }

  async read(meetingId: string, principal: Principal, role: Role, correlationId: string): Promise<{ view: MdtMeetingView; revision: number }> {
    const { state, revision } = await this.access.meeting(meetingId, principal);
    const { view, shown } = mdtMeetingView(state, principal, this.access);
    await this.access.audit(principal, role, shown, correlationId, 'read');
    return { view, revision };
  }

  async schedule(body: ScheduleMdtMeetingRequest, context: MdtContext): Promise<CommandOutcome<MdtMeetingView>> {
    const organisationId = context.principal.organisationId;
    const key = context.idempotencyKey;
    const meetingId = key ? deterministicUuid(`consultations/mdt/${organisationId}/${key}`) : randomUUID();
    const outcome = await this.append(meetingId, context, undefined, {
      type: 'ScheduleMdtMeeting',
      meeting: {
        meetingId,
        hostOrganisationId: organisationId,
        startsAt: new Date(body.startsAt).toISOString(),
        team: body.team,
        attendees: body.attendees.map((a) => ({ userId: a.userId, role: a.role, organisationId: a.organisation })),
      },
    });
    return { ...outcome, location: `/mdt-meetings/${meetingId}` };
  }

  async addCase(meetingId: string, body: AddMdtCaseRequest, context: MdtContext): Promise<CommandOutcome<MdtMeetingView>> {
    const patient = body.patient ?? undefined;
    if ((patient === undefined) === (body.anonymous === undefined)) {
      throw new RequestValidationError([{ field: 'patient', messages: ['Give either patient (an identified patient) or anonymous: true, not both'] }]);
    }
    await this.access.meeting(meetingId, context.principal);
    const subject: MdtCaseSubject = patient ? { kind: 'identified', patientSubjectId: patient.subjectId } : { kind: 'anonymous' };
    // Hazard H-CN1: only a person in the presenting organisation's care.
    if (subject.kind === 'identified') await this.careRelationships.assertInCareOf(subject.patientSubjectId, context, 'mdt-case');
    const key = context.idempotencyKey;
    const caseId = key ? deterministicUuid(`consultations/mdt/${meetingId}/cases/${context.principal.organisationId}/${key}`) : randomUUID();
    return this.append(meetingId, withKeyFor('case', context), dataKeyOf(caseId, subject), { type: 'AddMdtCase', caseId, subject, question: body.question });
  }

  discuss(meetingId: string, caseId: string, body: MdtDiscussionRequest, context: MdtContext): Promise<CommandOutcome<MdtMeetingView>> {
    // The referral and step change are named from the case (a retry names the same ones: referrals creates each once).
    const referral = body.referral;
    const stepChange = body.stepChange;
    return this.onCase(meetingId, caseId, 'consultation.answer', context, () => ({
      type: 'RecordMdtDiscussion',
      caseId,
      summary: body.summary,
      decision: body.decision,
      referral: referral
        ? {
            referralRequestId: deterministicUuid(`consultations/mdt/${meetingId}/cases/${caseId}/referral-request`),
            receivingOrganisationId: referral.receivingOrganisation,
            targetStep: REFERRAL_OUTCOME_STEPS[body.decision] ?? 'step-2',
            urgency: referral.urgency,
            riskIndicators: referral.riskIndicators ?? null,
            presentingProblems: referral.presentingProblems ?? null,
            consent: referral.consent ?? null,
          }
        : null,
      stepChange: stepChange
        ? {
            proposalId: deterministicUuid(`consultations/mdt/${meetingId}/cases/${caseId}/step-change`),
            episodeId: stepChange.episodeId,
            providingOrganisationId: stepChange.providingOrganisation,
            proposedStep: stepChange.proposedStep,
          }
        : null,
    }));
  }

  agreeAction(meetingId: string, caseId: string, body: AgreeMdtActionRequest, context: MdtContext): Promise<CommandOutcome<MdtMeetingView>> {
    const key = context.idempotencyKey;
    const actionId = key ? deterministicUuid(`consultations/mdt/${meetingId}/actions/${key}`) : randomUUID();
    return this.onCase(meetingId, caseId, 'consultation.work', withKeyFor('action', context), () => ({
      type: 'AgreeMdtAction',
      caseId,
      actionId,
      description: body.description,
      owner: { userId: body.owner.userId, organisationId: body.owner.organisation },
      dueDate: body.dueDate.slice(0, 10),
    }));
  }

  async completeAction(meetingId: string, actionId: string, context: MdtContext): Promise<CommandOutcome<MdtMeetingView>> {
    const { state } = await this.access.meeting(meetingId, context.principal);
    const { mdtCase } = await this.access.authoriseAction(state, actionId, context.principal, context.correlationId);
    return this.append(meetingId, context, dataKeyOf(mdtCase.caseId, mdtCase.subject), { type: 'CompleteMdtAction', actionId });
  }

  private async onCase(meetingId: string, caseId: string, action: AccessAction, context: MdtContext, command: (mdtCase: MdtCase) => Body): Promise<CommandOutcome<MdtMeetingView>> {
    const { state } = await this.access.meeting(meetingId, context.principal);
    const { mdtCase } = await this.access.authoriseCase(state, caseId, context.principal, action, context.correlationId);
    return this.append(meetingId, context, dataKeyOf(caseId, mdtCase.subject), command(mdtCase));
  }

  private async append(meetingId: string, context: MdtContext, dataKey: string | undefined, body: Body): Promise<CommandOutcome<MdtMeetingView>> {
    const at = this.clock.now();
    const by = { userId: context.actor.userId, organisationId: context.actor.organisationId };
    const result = await this.meetings.handle(mdtStreamId(meetingId), { ...body, by, at } as MdtCommand, {
      metadata: requestMetadata(context.correlationId, at, context.actor, dataKey),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    if (result.state.status === 'None' || result.revision === null) throw new Error('An MDT meeting folded to nothing');
    if (result.position !== null) await this.readModels.waitFor(result.position);
    const state: MdtMeetingState = result.state;
    const { view, shown } = mdtMeetingView(state, context.principal, this.access);
    await this.access.audit(context.principal, context.actor.role as Role, shown, context.correlationId, 'change');
    return { view, revision: result.revision, replayed: result.replayed };
  }
}
