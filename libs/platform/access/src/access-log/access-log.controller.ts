import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PageQuery, type Page } from '@stepwell/http';
import { Matches } from 'class-validator';
import { correlationIdOf } from '../audit/correlation';
import { Roles } from '../authorisation/roles.decorator';
import { PATIENT_SUBJECT_ID } from '../break-glass/break-glass-policy';
import type { AccessRequest } from '../principal/access-request';
import { CurrentPrincipal } from '../principal/current-principal.decorator';
import type { Principal } from '../principal/principal';
import { AccessLog, type AccessLogEntry } from './access-log';

export class AccessLogParams {
  @ApiProperty({ description: 'The patient subject id' })
  @Matches(PATIENT_SUBJECT_ID, { message: 'patientId must be a patient subject id' })
  patientId!: string;
}

/**
 * `GET /patients/{patientId}/access-log?page=&pageSize=`: who read or changed the patient's record, when, and on
 * which basis, newest first. Mounted by the access module in every service, over that service's access trail.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('patients/:patientId/access-log')
export class AccessLogController {
  constructor(@Inject(AccessLog) private readonly log: AccessLog) {}

  @Get()
  @Roles('auditor', 'national-auditor')
  async get(
    @Param() params: AccessLogParams,
    @Query() query: PageQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AccessRequest,
  ): Promise<Page<AccessLogEntry>> {
    return this.log.read(principal, params.patientId, { page: query.page, pageSize: query.pageSize }, correlationIdOf(request));
  }
}
