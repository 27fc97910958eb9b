import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { PatientIdParams } from '../shared/episode.requests';
import { PatientErasureHandler } from '../shared/patient-erasure.handler';
import { ErasureParams, OverdueErasuresPage, PatientErasureRequest, PatientErasureStatusView, PatientErasureView } from '../shared/patient-erasure.request';

@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientErasureController {
  constructor(private readonly handler: PatientErasureHandler) {}

  @Get('erasures/overdue')
  @Roles('privacy-officer')
  // The caller's own organisation's erasures only; each item decided under `patient.erase` and audited per person.
  @PatientAccess({ action: 'patient.erase', resource: 'patient-erasure', items: { field: 'items', type: 'patient', action: 'patient.erase' } })
  @ApiOkResponse({
    type: OverdueErasuresPage,
    description:
      'Erasures decided by the caller’s organisation whose confirmations stayed awaited past ERASURE_OVERDUE_DAYS (7) — found by the erasure overdue check, which records ErasureConfirmationsOverdue — and that still await a service (H-PD5). Oldest first; ids, service names and times only.',
  })
  async overdue(@CurrentPrincipal() principal: Principal): Promise<OverdueErasuresPage> {
    return { items: await this.handler.overdueOf(principal.organisationId) };
  }

  @Post(':patientId/erasure')
  // The privacy officer of an organisation that received the person's referral or provides (provided) their care.
  @PatientAccess({ action: 'patient.erase', target: { type: 'patient', param: 'patientId' }, resource: 'patient-erasure' })
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of an earlier erasure answer; a stale one is refused with 412.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers with the first erasure and decides nothing new.' })
  @ApiOkResponse({
    type: PatientErasureView,
    description:
      'Erased: the decision is recorded (and published to the other services), this service shredded the person’s keys and confirmed it. ' +
      'From now on every personal and free-text field of the person reads as "[erased]"; who did what and when stays. 404 to organisations outside the person’s care, 403 to other roles.',
  })
  async erase(
    @Param() params: PatientIdParams,
    @Body() body: PatientErasureRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<PatientErasureView> {
    return runCommandCall({ ifMatch, idempotencyKey, correlationId, principal, response }, (who) => actorOf(who, ['privacy-officer']), (context) =>
      this.handler.handle(params.patientId, body, context),
    );
  }

  @Get(':patientId/erasures/:erasureId')
  // The same privacy officers as the erasure itself; an audited read (ids, codes and times; never the reason text).
  @PatientAccess({ action: 'patient.erase', target: { type: 'patient', param: 'patientId' }, resource: 'patient-erasure' })
  @ApiOkResponse({
    type: PatientErasureStatusView,
    description:
      'The erasure’s progress: the services that confirmed shredding the person’s keys (referrals at once; consultations, the directory … as their ' +
      '`<service>.patient-erasure-confirmed` arrives) and those still awaited. 404 for an erasure not decided for this person and to organisations outside the person’s care, 403 to other roles.',
  })
  async status(@Param() params: ErasureParams, @Res({ passthrough: true }) response: HeaderSink): Promise<PatientErasureStatusView> {
    const { view, revision } = await this.handler.status(params.patientId, params.erasureId);
    response.setHeader('ETag', etagOf(revision));
    return view;
  }
}
