import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import { CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { ReferralIdParams } from '../shared/referral-id.params';
import { ReferralView } from '../shared/referral.view';
import { REFERRAL_VISIBILITY } from '../shared/referrals-visibility';
import { DirectoryServices } from '../shared/directory-services';
import { OrganisationRegistry } from '../shared/organisation-registry';
import { TriageReferralHandler } from './triage-referral.handler';
import { TriageReferralRequest, triageDecisionOf } from './triage-referral.request';

const TRIAGE_ROLES = ['clinician'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class TriageReferralController {
  constructor(
    private readonly handler: TriageReferralHandler,
    private readonly organisations: OrganisationRegistry,
    private readonly directory: DirectoryServices,
  ) {}

  @Post(':id/triage')
  // Owner-only: the receiving organisation's clinicians (ACCESS_POLICY `referral.triage`).
  @PatientAccess({ action: 'referral.triage', target: { type: 'referral', param: 'id' }, resource: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: ReferralView, description: 'Triaged (or the same decision again: nothing new is recorded). Who: clinicians of the receiving organisation only.' })
  async triage(
    @Param() params: ReferralIdParams,
    @Body() body: TriageReferralRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    // An episode is provided only by an organisation the platform knows (400 naming the field, nothing written).
    if (body.outcome === 'accept' && body.providingOrganisation) await this.organisations.assertKnown(body.providingOrganisation, 'providingOrganisation');
    // A signpost names a listed, active directory service (issue 17 item 4, H-DR3): 422 naming directoryServiceId,
    // nothing written; the recorded name is the listing's unless the triager gave one.
    const listed = body.outcome === 'signpost' ? await this.directory.assertSignpostable(body.directoryServiceId as string) : undefined;
    const view = await runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, TRIAGE_ROLES), (context) =>
      this.handler.handle(params.id, triageDecisionOf(body, listed?.name), context),
    );
    if (view.triage?.episodeId) response.setHeader('Content-Location', `/referrals/${view.id}`);
    return view;
  }
}
