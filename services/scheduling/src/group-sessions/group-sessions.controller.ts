import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { ATTENDANCE_ROLES, BOOKING_ROLES } from '../shared/scheduling-roles';
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
    return runCommandCall({ idempotencyKey: key, correlationId, principal, response }, (who) => actorOf(who, BOOKING_ROLES), (context) =>
      this.groups.schedule(body, context),
    );
  }

  @Get(':id')
  @Roles(...BOOKING_ROLES)
  @ApiOkResponse({ type: GroupSessionView, description: 'ETag: the session’s revision, for If-Match on a place change.' })
  async get(
    @Param() params: GroupSessionIdParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<GroupSessionView> {
    const { view, revision } = await this.groups.get(params.id, actorOf(principal, BOOKING_ROLES));
    response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Post(':id/places')
  @Roles(...BOOKING_ROLES)
  @HttpCode(201)
  @ApiIfMatch()
  @ApiCreatedResponse({ type: GroupSessionView, description: '409 GROUP_FULL when every place is taken.' })
  book(
    @Param() params: GroupSessionIdParams,
    @Body() body: BookGroupPlaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<GroupSessionView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, BOOKING_ROLES), (context) =>
      this.groups.bookPlace(params.id, body, context),
    );
  }

  @Post(':id/places/:patientSubjectId/cancel')
  @Roles(...BOOKING_ROLES)
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: GroupSessionView })
  cancel(
    @Param() params: GroupPlaceParams,
    @Body() body: CancelGroupPlaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<GroupSessionView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, BOOKING_ROLES), (context) =>
      this.groups.cancelPlace(params.id, params.patientSubjectId, body, context),
    );
  }

  @Post(':id/places/:patientSubjectId/attendance')
  @Roles(...ATTENDANCE_ROLES)
  @HttpCode(200)
  @ApiIfMatch()
  @ApiOkResponse({ type: GroupSessionView })
  attendance(
    @Param() params: GroupPlaceParams,
    @Body() body: GroupAttendanceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<GroupSessionView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, ATTENDANCE_ROLES), (context) =>
      this.groups.recordAttendance(params.id, params.patientSubjectId, body, context),
    );
  }
}
