import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { OPAQUE_ID } from '@stepwell/contracts';
import { CorrelationId, type HeaderSink, idempotencyKeyOf } from '@stepwell/http';
import { Matches } from 'class-validator';
import { diaryStreamId } from '../domain';
import { DIARY_COMMANDS, type DiaryCommands } from '../shared/scheduling-commands';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';
import { BOOKING_ROLES } from '../shared/scheduling-roles';
import { AddSessionHandler, toSessionView } from './add-session.handler';
import { AddSessionRequest } from './add-session.request';
import { ClinicianIdParams } from '../shared/clinician-id.params';
import { SessionView } from './session.view';

export class SessionIdParams extends ClinicianIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  sessionId!: string;
}

@ApiTags('diaries')
@ApiBearerAuth()
@Controller('clinicians')
export class AddSessionController {
  constructor(
    private readonly handler: AddSessionHandler,
    @Inject(DIARY_COMMANDS) private readonly diaries: DiaryCommands,
  ) {}

  @Post(':id/sessions')
  @Roles(...BOOKING_ROLES)
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key adds nothing new.' })
  @ApiCreatedResponse({ type: SessionView, description: 'The session and its slots (UTC), laid out in Europe/London time.' })
  async add(
    @Param() params: ClinicianIdParams,
    @Body() body: AddSessionRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<SessionView> {
    const result = await this.handler.handle(params.id, body, {
      correlationId,
      actor: actorOf(principal, BOOKING_ROLES),
      ...idempotencyKeyOf(key),
    });
    response.setHeader('Location', `/clinicians/${params.id}/sessions/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }

  /** What `POST /clinicians/{id}/sessions` answered with, at its `Location` (cancelled sessions say so). */
  @Get(':id/sessions/:sessionId')
  @Roles(...BOOKING_ROLES)
  @ApiOkResponse({ type: SessionView, description: 'One session of a clinician of the caller’s organisation (another organisation’s: 404).' })
  async findOne(@Param() params: SessionIdParams, @CurrentPrincipal() principal: Principal): Promise<SessionView> {
    const { state } = await this.diaries.load(diaryStreamId(params.id));
    const session = state.status === 'Kept' ? state.sessions[params.sessionId] : undefined;
    if (!session || session.organisationId !== principal.organisationId) throw new NotFoundError<SchedulingErrorCode>('SESSION_NOT_FOUND', 'No such session');
    return toSessionView(session);
  }
}
