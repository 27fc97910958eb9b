import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal } from '@stepwell/access';
import { CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { PatientIdParams } from '../shared/episode.requests';
import { ConsentsHandler } from './consents.handler';
import { ConsentRequest, ConsentsView, ContactConsentsView, ContactConsentView, SharingConsentView } from './consents.requests';

/** Who records a consent: anyone the person may tell in an organisation in their care, a GP practice's referrers included. */
const RECORDER_ROLES = ['clinician', 'admin', 'referrer'] as const;

/**
 * The person's consents (issue 15 item 5): to share with named organisations or organisation types, and to be
 * contacted by SMS or email. Clinicians, admins and referrers of an organisation in the person's care record them;
 * a withdrawal of consent to share ends that organisation's sharing-based access in every service
 * (`SHARING_CONSENT_KINDS`), a withdrawn channel is not used for messages.
 */
@ApiTags('patients')
@ApiBearerAuth()
@ApiExtraModels(SharingConsentView, ContactConsentView, ContactConsentsView)
@Controller('patients')
export class ConsentsController {
  constructor(private readonly handler: ConsentsHandler) {}

  @Get(':patientId/consents')
  @PatientAccess({ action: 'patient.consents', target: { type: 'patient', param: 'patientId' }, resource: 'consents' })
  @ApiOkResponse({ type: ConsentsView, description: 'The person’s consents as recorded here. 404 to organisations outside their care.' })
  async read(@Param() params: PatientIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<ConsentsView> {
    const { view, revision } = await this.handler.read(params.patientId);
    if (revision !== null) response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Put(':patientId/consents')
  @PatientAccess({ action: 'patient.consents', target: { type: 'patient', param: 'patientId' }, resource: 'consents' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers as the first request did.' })
  @ApiOkResponse({ type: ConsentsView, description: 'Recorded (the same answer again records nothing); consent to share is published to every service.' })
  async record(
    @Param() params: PatientIdParams,
    @Body() body: ConsentRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ConsentsView> {
    return runCommandCall({ ifMatch, idempotencyKey, correlationId, principal, response }, (who) => actorOf(who, RECORDER_ROLES), (context) =>
      this.handler.record(params.patientId, body, context),
    );
  }
}
