import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, type HeaderSink, idempotencyKeyOf } from '@stepwell/http';
import { BOOKING_ROLES } from '../scheduling-roles';
import { AddSessionHandler } from './add-session.handler';
import { AddSessionRequest } from './add-session.request';
import { ClinicianIdParams } from './clinician-id.params';
import { SessionView } from './session.view';

@ApiTags('diaries')
@ApiBearerAuth()
@Controller('clinicians')
export class AddSessionController {
  constructor(private readonly handler: AddSessionHandler) {}

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
}
