import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import type { ConsultationView } from '../shared/consultation.view';
import { REQUESTER_ROLES } from '../shared/consultations-roles';
import { RequestConsultationHandler } from './request-consultation.handler';
import { RequestConsultationRequest } from './request-consultation.request';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller('consultations')
export class RequestConsultationController {
  constructor(private readonly requestConsultation: RequestConsultationHandler) {}

  @Post()
  @Roles(...REQUESTER_ROLES)
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key creates nothing new.' })
  @ApiCreatedResponse({ description: 'The consultation, with Location and ETag' })
  create(
    @Body() body: RequestConsultationRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsultationView> {
    return runCommandCall(
      { idempotencyKey, correlationId, principal, response },
      (p) => actorOf(p, REQUESTER_ROLES),
      (context) => this.requestConsultation.handle(body, context),
    );
  }
}
