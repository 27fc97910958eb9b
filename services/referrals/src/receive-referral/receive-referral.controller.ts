import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  ActionNotPermittedError,
  actorOf,
  CreatedRecordAccess,
  CurrentPrincipal,
  ACCESS_POLICY,
  type Principal,
  Roles,
  Visibility,
} from '@stepwell/access';
import { CorrelationId, etagOf, type HeaderSink, idempotencyKeyOf } from '@stepwell/http';
import { type MissingAnswerView, ReferralView } from '../shared/referral.view';
import { REFERRAL_ROLES } from '../shared/referral-roles';
import { REFERRAL_VISIBILITY } from '../shared/referrals-visibility';
import { missingAnswersProblem, referralIntakeOf } from '../shared/referral-form';
import { ReceiveReferralHandler } from '../shared/receive-referral.handler';
import { ReceiveReferralRequest } from '../shared/receive-referral.request';

/** The RFC 9457 details of what an incomplete referral lacks (type, title, detail, one `errors` entry per field). */
function missingAnswersDetails(view: ReferralView): NonNullable<ReferralView['missingAnswers']> {
  const problem = missingAnswersProblem(view.missingFields, 'received-incomplete');
  return { type: problem.type, title: problem.title, status: problem.status, detail: problem.detail, errors: problem.extensions['errors'] as MissingAnswerView[] };
}

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReceiveReferralController {
  constructor(private readonly handler: ReceiveReferralHandler) {}

  @Post()
  @Roles(...REFERRAL_ROLES)
  // The response is the caller's own referral, read back under the access policy (as its referrer, or as the
  // receiving organisation keying it in) and audited; sending a referral never opens the rest of the person's care.
  @CreatedRecordAccess({ resource: 'referral', type: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @HttpCode(201)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retrying with the same key returns the first result and creates nothing new.',
  })
  @ApiCreatedResponse({ type: ReferralView, description: 'Received; Location names the referral, ETag its revision; the body names the patient subject id.' })
  @ApiAcceptedResponse({
    type: ReferralView,
    description:
      'Received incomplete (issue 12 item 9): required answers are missing but a risk answer is given (crisis urgency or a risk ticked), so the referral is in the receiving organisation’s triage queue at once, flagged incomplete and urgent by risk. Status `Incomplete`; `missingFields` and `missingAnswers` (RFC 9457 problem details: one `errors` entry per missing field) say what to send with POST /referrals/{id}/complete (If-Match: the ETag). Answers missing without a risk answer: 400 problem naming each, nothing written.',
  })
  async receive(
    @Body() body: ReceiveReferralRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink & { status(code: number): unknown },
  ): Promise<ReferralView> {
    idempotencyKeyOf(idempotencyKey);
    const actor = actorOf(principal, REFERRAL_ROLES);
    const keyedInByReceiver = principal.organisationId === body.receivingOrganisation;
    // Only organisation types the policy lets be referrers refer; the receiving service keys in a letter as a
    // clinician or admin (it then reads the referral back as its receiving organisation).
    if (
      !ACCESS_POLICY.referrer.organisationTypes.includes(principal.organisationType) ||
      (keyedInByReceiver && !principal.roles.some((role) => role === 'clinician' || role === 'admin')) ||
      // A self-referral comes through POST /self-referrals, or is keyed in by the service it is addressed to.
      (body.source === 'self' && !keyedInByReceiver)
    ) {
      throw new ActionNotPermittedError();
    }
    // The referrer is the caller's (verified) organisation; a referral keyed in by the receiving service itself (a
    // letter typed up) leaves the referrer unknown.
    const referrer = body.source !== 'self' && !keyedInByReceiver ? principal.organisationId : null;
    // Missing answers without a risk answer: 400 naming each, before anything is looked up or written.
    const intake = referralIntakeOf(body, body.source, referrer);
    const result = await this.handler.handle(intake.form, {
      correlationId,
      actor,
      scope: principal.organisationId,
      ...(body.consents === undefined ? {} : { consents: body.consents }),
      ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
    });
    response.setHeader('Location', `/referrals/${result.view.id}`);
    response.setHeader('ETag', etagOf(result.revision));
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    if (result.view.status === 'Incomplete') {
      response.status(202);
      return { ...result.view, missingAnswers: missingAnswersDetails(result.view) };
    }
    return result.view;
  }
}
