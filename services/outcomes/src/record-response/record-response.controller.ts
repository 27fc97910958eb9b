import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { CorrelationId, type HeaderSink, RequestValidationError } from '@stepwell/http';
import { IsUUID } from 'class-validator';
import { CLINICAL_ROLES } from '../shared/outcomes-roles';
import { PatientIdParams } from '../shared/patient-id.params';
import { CLINICAL_DETAIL_POLICY } from '../shared/visibility-policies';
import { RecordResponseHandler } from './record-response.handler';
import { RecordResponseRequest } from '../shared/record-response.request';
import { ResponseView } from './response.view';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export class ResponseIdParams extends PatientIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  responseId!: string;
}

@ApiTags('responses')
@ApiBearerAuth()
@Controller('patients/:patientId/responses')
export class RecordResponseController {
  constructor(private readonly handler: RecordResponseHandler) {}

  @Post()
  @HttpCode(201)
  @Roles(...CLINICAL_ROLES)
  @PatientRecord({ resource: 'questionnaire-response', patientParam: 'patientId' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key returns the first response.' })
  @ApiCreatedResponse({
    type: ResponseView,
    description:
      'Recorded and scored; a risk answer raised the alert named. Only a clinician of the organisation providing the named episode of this ' +
      'patient (403 NOT_EPISODE_PROVIDER; 404 EPISODE_NOT_FOUND for an unknown or another patient’s episode); break-glass never writes. An audited read.',
  })
  async record(
    @Param() params: PatientIdParams,
    @Body() body: RecordResponseRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ResponseView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new RequestValidationError([{ field: 'Idempotency-Key', messages: ['Idempotency-Key must be 1 to 255 printable characters'] }]);
    }
    const result = await this.handler.handle(params.patientId, body, {
      correlationId,
      actor: actorOf(principal, CLINICAL_ROLES),
      principal,
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    response.setHeader('Location', `/patients/${params.patientId}/responses/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }

  /** What `POST` answered with, at its `Location`: an audited read of one scored response. */
  @Get(':responseId')
  @Roles(...CLINICAL_ROLES)
  @PatientRecord({ resource: 'questionnaire-response', patientParam: 'patientId' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiOkResponse({ type: ResponseView, description: 'One recorded response of this patient (404 RESPONSE_NOT_FOUND otherwise). An audited read.' })
  findOne(@Param() params: ResponseIdParams): Promise<ResponseView> {
    return this.handler.find(params.patientId, params.responseId);
  }
}
