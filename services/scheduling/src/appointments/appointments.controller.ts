import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CreatedRecordAccess, CurrentPrincipal, PatientAccess, type Principal, Roles, Visibility } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { APPOINTMENT_POLICY } from '../access/visibility-policies';
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
 * What every change of an existing appointment shares: the policy's `record.change` (only the organisation holding
 * the appointment, decided before the handler), the visibility of an appointment, 200, If-Match, and the answer's
 * documentation.
 */
function AppointmentChange(): MethodDecorator {
  return applyDecorators(
    PatientAccess({ action: 'record.change', target: { type: 'record', param: 'id' }, resource: 'appointment' }),
    Visibility(APPOINTMENT_POLICY),
    HttpCode(200),
    ApiIfMatch(),
    ApiOkResponse({
      type: AppointmentView,
      description:
        'Only the organisation holding the appointment, clinician or admin (403 ACTION_NOT_PERMITTED to a related organisation; 404 ' +
        'APPOINTMENT_NOT_FOUND to one with no relationship, as for an unknown id); nothing written when refused but the refusal in the ' +
        'access trail. The response is an audited read. ETag: the revision of the slot stream holding the appointment.',
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
  ) {}

  /** What `POST /appointments` answered with, at its `Location`: an audited read (`record.read` of the policy). */
  @Get(':id')
  @PatientAccess({ action: 'record.read', target: { type: 'record', param: 'id' }, resource: 'appointment' })
  @Visibility(APPOINTMENT_POLICY)
  @ApiOkResponse({
    type: AppointmentView,
    description:
      'One appointment: for the organisation holding it, or providing (now or within the retention period) the episode it belongs to, ' +
      'or a clinician breaking the glass (404 APPOINTMENT_NOT_FOUND to an organisation with no relationship, as for an unknown id; 403 ' +
      'ACTION_NOT_PERMITTED to a related one the policy gives no right). An audited read.',
  })
  async findOne(@Param() params: AppointmentIdParams): Promise<AppointmentView> {
    return toAppointmentView(await this.lookup.requireAppointment(params.id));
  }

  @Post()
  @CreatedRecordAccess({ resource: 'appointment', type: 'record' })
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
  @AppointmentChange()
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
  @AppointmentChange()
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
  @AppointmentChange()
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
