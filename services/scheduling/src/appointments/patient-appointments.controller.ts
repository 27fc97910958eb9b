import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PatientRecord, Roles, Visibility } from '@stepwell/access';
import { pageEnvelope, pageOffset } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { APPOINTMENT_POLICY } from '../access/visibility-policies';
import { PageParams } from '../shared/list-clinicians.params';
import { ATTENDANCE_ROLES } from '../shared/scheduling-roles';
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
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get(':patientId/appointments')
  @Roles(...ATTENDANCE_ROLES, 'link-worker')
  @PatientRecord({ resource: 'appointment', patientParam: 'patientId', itemsField: 'items' })
  @Visibility(APPOINTMENT_POLICY, { itemsField: 'items' })
  @ApiOkResponse({ type: AppointmentPage, description: 'The patient’s appointments, latest first; every read is audited.' })
  async list(@Param() params: PatientIdParams, @Query() query: PatientAppointmentsParams): Promise<AppointmentPage> {
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "scheduling"."appointments"
        WHERE patient_subject_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY starts_at DESC, appointment_id LIMIT $3 OFFSET $4`,
      [params.patientId, query.status ?? null, query.pageSize, pageOffset(query)],
    )) as (AppointmentRow & { total: string })[];
    return pageEnvelope(rows.map(toAppointmentView), query, rows[0] ? Number(rows[0].total) : 0);
  }
}
