import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, actorOf, CurrentPrincipal, PatientAccess, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, etagOf, type HeaderSink, runCommandCall } from '@stepwell/http';
import { PatientIdParams } from '../shared/episode.requests';
import {
  DateOfDeathRequest,
  LegalHoldParams,
  LegalHoldRequest,
  RetentionDueQuery,
  RetentionPage,
  RetentionReviewRequest,
  RetentionView,
} from './retention.requests';
import { RetentionService } from './retention.service';

const PRIVACY_OFFICER = ['privacy-officer'] as const;
const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' };
const IDEMPOTENCY_KEY = { name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers with the first result and decides nothing new.' };

/**
 * Retention of the record (issue 15 item 3), for privacy officers of an organisation that received the person's
 * referral or provides (provided) their care (`patient.retention` in the access policy). Every answer carries the
 * person's id and dates: each one is an audited read.
 */
@ApiTags('retention')
@ApiBearerAuth()
@Controller()
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('retention/due')
  @Roles(...PRIVACY_OFFICER)
  @PatientAccess({ action: 'patient.retention', resource: 'retention', items: { field: 'items', type: 'patient', action: 'patient.retention' } })
  @ApiOkResponse({
    type: RetentionPage,
    description:
      'People of the caller’s own organisation (organisation must be it; 403 otherwise) whose retention period has ended and who await a review, the earliest end first. Open care never falls due; people on legal hold are listed with their holds (they can be extended, not destroyed).',
  })
  async due(@Query() query: RetentionDueQuery, @CurrentPrincipal() principal: Principal): Promise<RetentionPage> {
    if (query.organisation !== principal.organisationId) throw new ActionNotPermittedError();
    return this.retention.due(query.organisation, query, principal);
  }

  @Get('patients/:patientId/retention')
  @PatientAccess({ action: 'patient.retention', target: { type: 'patient', param: 'patientId' }, resource: 'retention' })
  @ApiOkResponse({ type: RetentionView, description: 'The person’s retention: last contact, date of death, the period’s end and basis, legal holds and reviews. 404 to organisations outside the person’s care, 403 to other roles.' })
  async read(@Param() params: PatientIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<RetentionView> {
    const { view, revision } = await this.retention.read(params.patientId);
    if (revision >= 0) response.setHeader('ETag', etagOf(revision));
    return view;
  }

  @Post('patients/:patientId/retention/date-of-death')
  @PatientAccess({ action: 'patient.retention', target: { type: 'patient', param: 'patientId' }, resource: 'retention' })
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RetentionView, description: 'The date of death recorded (a different date later is recorded as a correction naming the earlier one). 400 for a date in the future.' })
  async dateOfDeath(
    @Param() params: PatientIdParams,
    @Body() body: DateOfDeathRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<RetentionView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, PRIVACY_OFFICER), (context) =>
      this.retention.recordDeath(params.patientId, body, context),
    );
  }

  @Post('patients/:patientId/retention/legal-holds')
  @PatientAccess({ action: 'patient.retention', target: { type: 'patient', param: 'patientId' }, resource: 'retention' })
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiCreatedResponse({ type: RetentionView, description: 'A legal hold placed: the record cannot be destroyed until it is lifted.' })
  async placeHold(
    @Param() params: PatientIdParams,
    @Body() body: LegalHoldRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<RetentionView> {
    return runCommandCall({ ifMatch, idempotencyKey, correlationId, principal, response }, (who) => actorOf(who, PRIVACY_OFFICER), (context) =>
      this.retention.placeHold(params.patientId, body.reason, context),
    );
  }

  @Post('patients/:patientId/retention/legal-holds/:holdId/lift')
  @PatientAccess({ action: 'patient.retention', target: { type: 'patient', param: 'patientId' }, resource: 'retention' })
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: RetentionView, description: 'The hold lifted (lifting it again records nothing). 404 for a hold never placed on this record.' })
  async liftHold(
    @Param() params: LegalHoldParams,
    @Body() body: LegalHoldRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<RetentionView> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, PRIVACY_OFFICER), (context) =>
      this.retention.liftHold(params.patientId, params.holdId, body.reason, context),
    );
  }

  @Post('patients/:patientId/retention/reviews')
  @PatientAccess({ action: 'patient.retention', target: { type: 'patient', param: 'patientId' }, resource: 'retention' })
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiHeader(IDEMPOTENCY_KEY)
  @ApiOkResponse({
    type: RetentionView,
    description:
      'A review once the period has ended: `destroy` shreds the person’s keys in every service (an erasure, basis Art. 17(1)(a); who did what and when stays) — refused with 409 while a legal hold is in force; `extend` keeps the record until `extendUntil`. 409 before the period ends (or while care is open).',
  })
  async review(
    @Param() params: PatientIdParams,
    @Body() body: RetentionReviewRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<RetentionView> {
    return runCommandCall({ ifMatch, idempotencyKey, correlationId, principal, response }, (who) => actorOf(who, PRIVACY_OFFICER), (context) =>
      this.retention.review(params.patientId, body, context),
    );
  }
}
