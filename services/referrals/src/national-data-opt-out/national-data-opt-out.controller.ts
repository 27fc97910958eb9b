import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal } from '@stepwell/access';
import { CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { PatientIdParams } from '../shared/episode.requests';
import { NationalDataOptOutHandler } from './national-data-opt-out.handler';
import { NationalDataOptOutRequest, NationalDataOptOutView } from './national-data-opt-out.requests';

/** Who records it: anyone the person may tell in an organisation in their care, a GP practice's referrers included. */
const RECORDER_ROLES = ['clinician', 'admin', 'referrer'] as const;

/**
 * The national data opt-out (issue 15 item 5): clinicians, admins and referrers of an organisation in the person's
 * care record it; every service then leaves the person out of its secondary-use outputs, never out of their direct care.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class NationalDataOptOutController {
  constructor(private readonly handler: NationalDataOptOutHandler) {}

  @Get(':patientId/national-data-opt-out')
  @PatientAccess({ action: 'patient.national-data-opt-out', target: { type: 'patient', param: 'patientId' }, resource: 'national-data-opt-out' })
  @ApiOkResponse({ type: NationalDataOptOutView, description: 'The person’s national data opt-out as recorded here. 404 to organisations outside their care.' })
  async read(@Param() params: PatientIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<NationalDataOptOutView> {
    const { view, revision } = await this.handler.read(params.patientId);
    if (revision !== null) response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Put(':patientId/national-data-opt-out')
  @PatientAccess({ action: 'patient.national-data-opt-out', target: { type: 'patient', param: 'patientId' }, resource: 'national-data-opt-out' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: NationalDataOptOutView, description: 'Recorded (a repeat of the same status records nothing) and published to every service.' })
  async set(
    @Param() params: PatientIdParams,
    @Body() body: NationalDataOptOutRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<NationalDataOptOutView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, RECORDER_ROLES), (context) =>
      this.handler.set(params.patientId, body, context),
    );
  }
}
