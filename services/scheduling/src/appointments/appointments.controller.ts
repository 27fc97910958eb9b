import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CareRelationshipService, CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { CorrelationId } from '@stepwell/http';
import { APPOINTMENT_POLICY } from '../access/visibility-policies';
import type { HeaderSink } from '../header-sink';
import { idempotencyKeyOf } from '../idempotency-key';
import { ATTENDANCE_ROLES, BOOKING_ROLES } from '../scheduling-roles';
import { AppointmentLookup, AppointmentNotFoundError, toAppointmentView } from './appointment-lookup';
import { AppointmentView } from './appointment.view';
import { BookAppointmentHandler } from './book-appointment.handler';
import { BookAppointmentRequest } from './book-appointment.request';
import { ChangeAppointmentHandler } from './change-appointment.handler';
import {
  AppointmentIdParams,
  CancelAppointmentRequest,
  RecordAttendanceRequest,
  RescheduleAppointmentRequest,
} from './change-appointment.requests';

@ApiTags('appointments')
@ApiBearerAuth()
@Controller('appointments')
/** Every command answers with the appointment: an audited read, cut to the caller's organisation type. */
export class AppointmentsController {
  constructor(
    private readonly book: BookAppointmentHandler,
    private readonly change: ChangeAppointmentHandler,
    private readonly lookup: AppointmentLookup,
    @Inject(CareRelationshipService) private readonly relationships: CareRelationshipService,
  ) {}

  /** What `POST /appointments` answered with, at its `Location`: an audited read, like the patient's appointment list. */
  @Get(':id')
  @PatientRecord({ resource: 'appointment' })
  @Visibility(APPOINTMENT_POLICY)
  @Roles(...ATTENDANCE_ROLES, 'link-worker')
  @ApiOkResponse({ type: AppointmentView, description: 'One appointment, for an organisation with a relationship to the patient (404 otherwise, as for an unknown id).' })
  async findOne(@Param() params: AppointmentIdParams, @CurrentPrincipal() principal: Principal): Promise<AppointmentView> {
    const row = await this.lookup.requireAppointment(params.id);
    // A stranger to the patient learns nothing, not even that the id exists (as the appointment commands answer).
    if (!(await this.relationships.hasRelationship(principal.organisationId, row.patient_subject_id))) throw new AppointmentNotFoundError();
    return toAppointmentView(row);
  }

  @Post()
  @PatientRecord({ resource: 'appointment' })
  @Visibility(APPOINTMENT_POLICY)
  @Roles(...BOOKING_ROLES)
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key books nothing new.' })
  @ApiCreatedResponse({
    type: AppointmentView,
    description:
      'Booked, into an episode the caller’s organisation provides for this patient (404 EPISODE_NOT_FOUND for an unknown or ' +
      'another patient’s episode, or a patient the organisation has no relationship with; 403 NOT_EPISODE_PROVIDER when another ' +
      'organisation provides it; 409 EPISODE_DISCHARGED). 409 when the slot is taken or the patient has a clash. The response is an ' +
      'audited read; a booking grants no access of its own.',
  })
  async create(
    @Body() body: BookAppointmentRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AppointmentView> {
    const result = await this.book.handle(body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal, ...idempotencyKeyOf(key) });
    response.setHeader('Location', `/appointments/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }

  @Post(':id/cancel')
  @PatientRecord({ resource: 'appointment' })
  @Visibility(APPOINTMENT_POLICY)
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @ApiOkResponse({
    type: AppointmentView,
    description:
      'Only the organisation holding the appointment (403 OTHER_ORGANISATION to a related organisation; 404 APPOINTMENT_NOT_FOUND to one with no ' +
      'relationship, as for an unknown id); nothing written when refused. The response is an audited read.',
  })
  cancel(
    @Param() params: AppointmentIdParams,
    @Body() body: CancelAppointmentRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppointmentView> {
    return this.change.cancel(params.id, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal });
  }

  @Post(':id/reschedule')
  @PatientRecord({ resource: 'appointment' })
  @Visibility(APPOINTMENT_POLICY)
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @ApiOkResponse({
    type: AppointmentView,
    description:
      'Only the organisation holding the appointment (403 OTHER_ORGANISATION to a related organisation; 404 APPOINTMENT_NOT_FOUND to one with no ' +
      'relationship, as for an unknown id); nothing written when refused. The response is an audited read.',
  })
  reschedule(
    @Param() params: AppointmentIdParams,
    @Body() body: RescheduleAppointmentRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppointmentView> {
    return this.change.reschedule(params.id, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal });
  }

  @Post(':id/attendance')
  @PatientRecord({ resource: 'appointment' })
  @Visibility(APPOINTMENT_POLICY)
  @Roles(...ATTENDANCE_ROLES)
  @HttpCode(200)
  @ApiOkResponse({
    type: AppointmentView,
    description:
      'Only the organisation holding the appointment (403 OTHER_ORGANISATION to a related organisation; 404 APPOINTMENT_NOT_FOUND to one with no ' +
      'relationship, as for an unknown id); nothing written when refused. The response is an audited read.',
  })
  attendance(
    @Param() params: AppointmentIdParams,
    @Body() body: RecordAttendanceRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppointmentView> {
    return this.change.recordAttendance(params.id, body, { correlationId, actor: actorOf(principal, ATTENDANCE_ROLES), principal });
  }
}
