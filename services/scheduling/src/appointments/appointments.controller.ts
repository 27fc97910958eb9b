import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CareRelationshipService, CurrentPrincipal, PatientRecord, type Principal, type Role, Roles, Visibility } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { ApiIfMatch, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { APPOINTMENT_POLICY } from '../access/visibility-policies';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';
import { ATTENDANCE_ROLES, BOOKING_ROLES } from '../shared/scheduling-roles';
import { AppointmentLookup, toAppointmentView } from '../shared/appointment-lookup';
import { AppointmentView } from '../shared/appointment.view';
import { BookAppointmentHandler } from '../shared/book-appointment.handler';
import { BookAppointmentRequest } from '../shared/book-appointment.request';
import { ChangeAppointmentHandler } from './change-appointment.handler';
import {
  AppointmentIdParams,
  CancelAppointmentRequest,
  RecordAttendanceRequest,
  RescheduleAppointmentRequest,
} from '../shared/change-appointment.requests';

/**
 * What every change of an existing appointment shares: the patient-record check and visibility of an appointment,
 * the roles, 200, If-Match, and the answer's documentation.
 */
function AppointmentChange(roles: readonly Role[]): MethodDecorator {
  return applyDecorators(
    PatientRecord({ resource: 'appointment' }),
    Visibility(APPOINTMENT_POLICY),
    Roles(...roles),
    HttpCode(200),
    ApiIfMatch(),
    ApiOkResponse({
      type: AppointmentView,
      description:
        'Only the organisation holding the appointment (403 OTHER_ORGANISATION to a related organisation; 404 APPOINTMENT_NOT_FOUND to one with no ' +
        'relationship, as for an unknown id); nothing written when refused. The response is an audited read. ETag: the revision of the slot ' +
        'stream holding the appointment.',
    }),
  );
}

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
    if (!(await this.relationships.hasRelationship(principal.organisationId, row.patient_subject_id))) throw new NotFoundError<SchedulingErrorCode>('APPOINTMENT_NOT_FOUND', 'No such appointment');
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
    return runCommandCall({ idempotencyKey: key, correlationId, principal, response }, (who) => actorOf(who, BOOKING_ROLES), (context) =>
      this.book.handle(body, context),
    );
  }

  @Post(':id/cancel')
  @AppointmentChange(BOOKING_ROLES)
  cancel(
    @Param() params: AppointmentIdParams,
    @Body() body: CancelAppointmentRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AppointmentView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, BOOKING_ROLES), (context) =>
      this.change.cancel(params.id, body, context),
    );
  }

  @Post(':id/reschedule')
  @AppointmentChange(BOOKING_ROLES)
  reschedule(
    @Param() params: AppointmentIdParams,
    @Body() body: RescheduleAppointmentRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AppointmentView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, BOOKING_ROLES), (context) =>
      this.change.reschedule(params.id, body, context),
    );
  }

  @Post(':id/attendance')
  @AppointmentChange(ATTENDANCE_ROLES)
  attendance(
    @Param() params: AppointmentIdParams,
    @Body() body: RecordAttendanceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AppointmentView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, ATTENDANCE_ROLES), (context) =>
      this.change.recordAttendance(params.id, body, context),
    );
  }
}
