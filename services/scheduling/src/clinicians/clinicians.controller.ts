import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, type HeaderSink, idempotencyKeyOf } from '@stepwell/http';
import { BOOKING_ROLES, CLINICIAN_ADMIN_ROLES } from '../scheduling-roles';
import { ClinicianPage, ClinicianView } from './clinician.view';
import { ListCliniciansParams } from './list-clinicians.params';
import { ListCliniciansQuery } from './list-clinicians.query';
import { OtherOrganisationError, RegisterClinicianHandler } from './register-clinician.handler';
import { RegisterClinicianRequest } from './register-clinician.request';

@ApiTags('clinicians')
@ApiBearerAuth()
@Controller('clinicians')
export class CliniciansController {
  constructor(
    private readonly register: RegisterClinicianHandler,
    private readonly list: ListCliniciansQuery,
  ) {}

  @Post()
  @Roles(...CLINICIAN_ADMIN_ROLES)
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key registers nothing new.' })
  @ApiCreatedResponse({ type: ClinicianView })
  async create(
    @Body() body: RegisterClinicianRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ClinicianView> {
    const result = await this.register.handle(body, {
      correlationId,
      actor: actorOf(principal, CLINICIAN_ADMIN_ROLES),
      ...idempotencyKeyOf(key),
    });
    response.setHeader('Location', `/clinicians/${result.view.id}`);
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.view;
  }

  @Get()
  @Roles(...BOOKING_ROLES)
  @ApiOkResponse({ type: ClinicianPage })
  async find(@Query() params: ListCliniciansParams, @CurrentPrincipal() principal: Principal): Promise<ClinicianPage> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    return this.list.run(params);
  }
}
