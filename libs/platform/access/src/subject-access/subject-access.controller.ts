import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogParams } from '../access-log/access-log.controller';
import { correlationIdOf } from '../audit/correlation';
import type { AccessRequest } from '../principal/access-request';
import { CurrentPrincipal } from '../principal/current-principal.decorator';
import type { Principal } from '../principal/principal';
import { SubjectAccessCollector, type SubjectAccessHoldings } from './subject-access';

/**
 * `GET /patients/{patientId}/subject-access`: everything this service holds about the person, for a subject access
 * request (UK GDPR Art. 15). Mounted by the access module in every service; the policy decides
 * (`patient.subject-access`) and the answer is an audited read.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients/:patientId/subject-access')
export class SubjectAccessController {
  constructor(@Inject(SubjectAccessCollector) private readonly collector: SubjectAccessCollector) {}

  @Get()
  @ApiOkResponse({
    description:
      'The service’s holdings about the person: its events in plain language (with the record as held) and its access log. ' +
      'The privacy officer of an organisation in the person’s care; 404 to strangers, 403 to other roles.',
  })
  async get(@Param() params: AccessLogParams, @CurrentPrincipal() principal: Principal, @Req() request: AccessRequest): Promise<SubjectAccessHoldings> {
    return this.collector.collect(principal, params.patientId, correlationIdOf(request));
  }
}
