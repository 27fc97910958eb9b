import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
import { idempotencyKeyOf } from '../idempotency-key';
import { ATTENDANCE_ROLES, BOOKING_ROLES } from '../scheduling-roles';
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
export class AppointmentsController {
  constructor(
    private readonly book: BookAppointmentHandler,
    private readonly change: ChangeAppointmentHandler,
  ) {}

  @Post()
  @Roles(...BOOKING_ROLES)
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key books nothing new.' })
  @ApiCreatedResponse({ type: AppointmentView, description: 'Booked. 409 when the slot is taken or the patient has a clash.' })
  async create(
    @Body() body: BookAppointmentRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AppointmentView> {
    const result = await this.book.handle(body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), ...idempotencyKeyOf(key) });
    response.setHeader('Location', `/appointments/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }

  @Post(':id/cancel')
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentView })
  cancel(
    @Param() params: AppointmentIdParams,
    @Body() body: CancelAppointmentRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppointmentView> {
    return this.change.cancel(params.id, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES) });
  }

  @Post(':id/reschedule')
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentView })
  reschedule(
    @Param() params: AppointmentIdParams,
    @Body() body: RescheduleAppointmentRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppointmentView> {
    return this.change.reschedule(params.id, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES) });
  }

  @Post(':id/attendance')
  @Roles(...ATTENDANCE_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: AppointmentView })
  attendance(
    @Param() params: AppointmentIdParams,
    @Body() body: RecordAttendanceRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AppointmentView> {
    return this.change.recordAttendance(params.id, body, { correlationId, actor: actorOf(principal, ATTENDANCE_ROLES) });
  }
}
