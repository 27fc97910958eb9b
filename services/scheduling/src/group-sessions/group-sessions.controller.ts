import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
import { idempotencyKeyOf } from '../idempotency-key';
import { ATTENDANCE_ROLES, BOOKING_ROLES } from '../scheduling-roles';
import {
  BookGroupPlaceRequest,
  CancelGroupPlaceRequest,
  GroupAttendanceRequest,
  GroupPlaceParams,
  GroupSessionIdParams,
  ScheduleGroupSessionRequest,
} from './group-session.requests';
import { GroupSessionView } from './group-session.view';
import { GroupSessionsService } from './group-sessions.service';

@ApiTags('group-sessions')
@ApiBearerAuth()
@Controller('group-sessions')
export class GroupSessionsController {
  constructor(private readonly groups: GroupSessionsService) {}

  @Post()
  @Roles(...BOOKING_ROLES)
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: GroupSessionView })
  async schedule(
    @Body() body: ScheduleGroupSessionRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<GroupSessionView> {
    const result = await this.groups.schedule(body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal, ...idempotencyKeyOf(key) });
    response.setHeader('Location', `/group-sessions/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }

  @Get(':id')
  @Roles(...BOOKING_ROLES)
  @ApiOkResponse({ type: GroupSessionView })
  get(@Param() params: GroupSessionIdParams, @CurrentPrincipal() principal: Principal): Promise<GroupSessionView> {
    return this.groups.get(params.id, actorOf(principal, BOOKING_ROLES));
  }

  @Post(':id/places')
  @Roles(...BOOKING_ROLES)
  @HttpCode(201)
  @ApiCreatedResponse({ type: GroupSessionView, description: '409 GROUP_FULL when every place is taken.' })
  book(
    @Param() params: GroupSessionIdParams,
    @Body() body: BookGroupPlaceRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GroupSessionView> {
    return this.groups.bookPlace(params.id, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal });
  }

  @Post(':id/places/:patientSubjectId/cancel')
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: GroupSessionView })
  cancel(
    @Param() params: GroupPlaceParams,
    @Body() body: CancelGroupPlaceRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GroupSessionView> {
    return this.groups.cancelPlace(params.id, params.patientSubjectId, body, { correlationId, actor: actorOf(principal, BOOKING_ROLES), principal });
  }

  @Post(':id/places/:patientSubjectId/attendance')
  @Roles(...ATTENDANCE_ROLES)
  @HttpCode(200)
  @ApiOkResponse({ type: GroupSessionView })
  attendance(
    @Param() params: GroupPlaceParams,
    @Body() body: GroupAttendanceRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GroupSessionView> {
    return this.groups.recordAttendance(params.id, params.patientSubjectId, body, { correlationId, actor: actorOf(principal, ATTENDANCE_ROLES), principal });
  }
}
