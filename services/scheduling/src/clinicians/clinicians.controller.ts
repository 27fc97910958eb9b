import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { CorrelationId, type HeaderSink, idempotencyKeyOf } from '@stepwell/http';
import { ClinicianIdParams } from '../shared/clinician-id.params';
import { clinicianStreamId } from '../domain';
import { CLINICIAN_COMMANDS, type ClinicianCommands } from '../shared/scheduling-commands';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';
import { BOOKING_ROLES, CLINICIAN_ADMIN_ROLES } from '../shared/scheduling-roles';
import { ClinicianPage, ClinicianView } from './clinician.view';
import { ListCliniciansParams } from '../shared/list-clinicians.params';
import { ListCliniciansQuery } from './list-clinicians.query';
import { RegisterClinicianHandler } from './register-clinician.handler';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { RegisterClinicianRequest } from './register-clinician.request';

@ApiTags('clinicians')
@ApiBearerAuth()
@Controller('clinicians')
export class CliniciansController {
  constructor(
    private readonly register: RegisterClinicianHandler,
    private readonly list: ListCliniciansQuery,
    @Inject(CLINICIAN_COMMANDS) private readonly clinicians: ClinicianCommands,
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

  /** What `POST /clinicians` answered with, at its `Location`: the caller's own organisation's clinicians only. */
  @Get(':id')
  @Roles(...BOOKING_ROLES)
  @ApiOkResponse({ type: ClinicianView, description: 'One clinician of the caller’s organisation (another organisation’s: 404, as for an unknown id).' })
  async findOne(@Param() params: ClinicianIdParams, @CurrentPrincipal() principal: Principal): Promise<ClinicianView> {
    const { state } = await this.clinicians.load(clinicianStreamId(params.id));
    if (state.status !== 'Registered' || state.clinician.organisationId !== principal.organisationId) throw new NotFoundError<SchedulingErrorCode>('CLINICIAN_NOT_FOUND', 'No such clinician');
    const c = state.clinician;
    return { id: c.clinicianId, name: c.name, organisation: c.organisationId, role: c.role, languages: c.languages, sites: c.sites };
  }
}
