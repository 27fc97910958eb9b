import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type AccessTarget, CurrentAccess, CurrentPrincipal, PatientAccess, PolicyAccessService, type Principal, Visibility } from '@stepwell/access';
import { pageEnvelope, pageOffset } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { APPOINTMENT_POLICY } from '../access/visibility-policies';
import { PageParams } from '../shared/list-clinicians.params';
import { toAppointmentView, type AppointmentRow } from '../shared/appointment-lookup';
import { APPOINTMENT_STATUSES, AppointmentPage, type AppointmentStatus } from '../shared/appointment.view';
import { OPAQUE_ID } from '@stepwell/contracts';

export class PatientIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  patientId!: string;
}

export class PatientAppointmentsParams extends PageParams {
  @ApiPropertyOptional({ enum: APPOINTMENT_STATUSES })
  @IsOptional()
  @IsIn(APPOINTMENT_STATUSES)
  status?: AppointmentStatus;
}

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('patients')
export class PatientAppointmentsController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PolicyAccessService) private readonly policy: PolicyAccessService,
  ) {}

  @Get(':patientId/appointments')
  @PatientAccess({
    action: 'patient.records',
    target: { type: 'patient', param: 'patientId' },
    resource: 'appointment',
    items: { field: 'items', type: 'record', action: 'record.read' },
  })
  @Visibility(APPOINTMENT_POLICY, { itemsField: 'items' })
  @ApiOkResponse({
    type: AppointmentPage,
    description:
      'The patient’s appointments the caller may read (`record.read`: its own, and those of episodes it provides), latest first, the total ' +
      'counting only those. 404 PATIENT_NOT_FOUND to an organisation with no relationship, as for an unknown patient. Every read is audited.',
  })
  async list(
    @Param() params: PatientIdParams,
    @Query() query: PatientAppointmentsParams,
    @CurrentPrincipal() principal: Principal,
    @CurrentAccess() access: { basis: string },
  ): Promise<AppointmentPage> {
    const rows = (await this.dataSource.query(
      `SELECT a.*, w.referral_id FROM "scheduling"."appointments" a LEFT JOIN "scheduling"."waiting_list" w ON w.episode_id = a.episode_id
        WHERE a.patient_subject_id = $1 AND ($2::text IS NULL OR a.status = $2)
        ORDER BY a.starts_at DESC, a.appointment_id`,
      [params.patientId, query.status ?? null],
    )) as (AppointmentRow & { referral_id: string | null })[];
    // Filter by the policy BEFORE paging, so the page and its total hold only what the caller may see.
    const targets = rows.map((row): AccessTarget & { row: AppointmentRow } => ({
      type: 'record',
      id: row.appointment_id,
      patientSubjectId: row.patient_subject_id,
      referralId: row.referral_id,
      episodeId: row.episode_id,
      awaitingTriage: false,
      consentToShare: false,
      holderOrganisationId: row.organisation_id,
      row,
    }));
    // Under break-glass (the route's decision) every one of the named patient's appointments opens, read-only.
    const visible = await this.policy.visible(principal, 'record.read', targets, access.basis === 'break-glass');
    const offset = pageOffset(query);
    return pageEnvelope(visible.slice(offset, offset + query.pageSize).map((t) => toAppointmentView(t.row)), query, visible.length);
  }
}
