import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, type Role, Roles } from '@stepwell/access';
import { CorrelationId, type Page, pageEnvelope, pageOffset } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { mdtStreamId, type MdtMeetingState } from '../domain';
import { MDT_COMMANDS, type MdtCommands } from '../shared/consultations-commands';
import { MdtAccess } from '../shared/mdt-access';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { MdtActionsParams } from './mdt.requests';

const MDT_ACTION_ROLES = ['clinician', 'admin'] as const;

export interface MdtActionItem {
  id: string;
  meetingId: string;
  caseId: string;
  patientSubjectId: string | null;
  description: string;
  owner: { userId: string; organisation: string };
  dueDate: string;
  status: 'open' | 'done';
  completedAt: string | null;
}

interface Row {
  action_id: string;
  meeting_id: string;
  case_id: string;
  patient_subject_id: string | null;
  owner_user_id: string;
  owner_organisation_id: string;
  due_date: string;
  status: 'open' | 'done';
  completed_at: Date | null;
  total: string;
}

const WHERE = `owner_organisation_id = $1 AND ($2::text IS NULL OR owner_user_id = $2) AND status = $3`;

/**
 * GET /mdt-actions: the actions MDT meetings gave the caller's organisation's staff, open ones until done (default),
 * the earliest due first. Each is held by its owner's organisation (`record-holder`), so the organisation's own
 * list is its by construction; the description is read from the meeting's stream (sealed there), and each person
 * on the page is an audited read.
 */
@ApiTags('mdt')
@ApiBearerAuth()
@Controller('mdt-actions')
export class MdtActionsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MdtAccess,
    @Inject(MDT_COMMANDS) private readonly meetings: MdtCommands,
  ) {}

  @Get()
  @Roles(...MDT_ACTION_ROLES)
  async find(@Query() params: MdtActionsParams, @CorrelationId() correlationId: string, @CurrentPrincipal() principal: Principal): Promise<Page<MdtActionItem>> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    const values = [params.organisation, params.owner ?? null, params.status ?? 'open'];
    const rows = (await this.dataSource.query(
      `SELECT action_id, meeting_id, case_id, patient_subject_id, owner_user_id, owner_organisation_id, to_char(due_date, 'YYYY-MM-DD') AS due_date,
              status, completed_at, count(*) OVER () AS total
         FROM "consultations"."mdt_actions" a WHERE ${WHERE} ORDER BY a.due_date, a.action_id LIMIT $4 OFFSET $5`,
      [...values, params.pageSize, pageOffset(params)],
    )) as Row[];
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(((await this.dataSource.query(`SELECT count(*) AS total FROM "consultations"."mdt_actions" WHERE ${WHERE}`, values)) as { total: string }[])[0]?.total ?? 0);
    const meetings = new Map<string, MdtMeetingState | null>();
    for (const meetingId of new Set(rows.map((r) => r.meeting_id))) {
      const { state } = await this.meetings.load(mdtStreamId(meetingId));
      meetings.set(meetingId, state.status === 'None' ? null : state);
    }
    const items = rows.map((r) => ({
      id: r.action_id,
      meetingId: r.meeting_id,
      caseId: r.case_id,
      patientSubjectId: r.patient_subject_id,
      description: meetings.get(r.meeting_id)?.actions.find((a) => a.actionId === r.action_id)?.description ?? '',
      owner: { userId: r.owner_user_id, organisation: r.owner_organisation_id },
      dueDate: r.due_date,
      status: r.status,
      completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    }));
    await this.access.audit(principal, actorOf(principal, MDT_ACTION_ROLES).role as Role, items, correlationId, 'read');
    return pageEnvelope(items, params, total);
  }
}
