import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PatientAccess, type Principal, Visibility } from '@stepwell/access';
import { etagOf, type HeaderSink } from '@stepwell/http';
import { REFERRAL_VISIBILITY } from '../shared/referrals-visibility';
import { GetReferralQuery } from './get-referral.query';
import { ReferralIdParams } from '../shared/referral-id.params';
import { ReferralView } from '../shared/referral.view';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class GetReferralController {
  constructor(private readonly query: GetReferralQuery) {}

  @Get(':id')
  // The access policy (libs/platform/access ACCESS_POLICY, `referral.read`) decides before the referral is read:
  // receiving organisation, referrer, or the provider of the episode it opened; a stranger gets 404.
  @PatientAccess({ action: 'referral.read', target: { type: 'referral', param: 'id' }, resource: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @ApiOkResponse({
    type: ReferralView,
    description:
      'The referral; its ETag is the stream revision, for If-Match. Who: the receiving organisation (clinician, admin), the referrer (referrer, clinician, admin), the provider of the episode it opened; 404 to anyone else.',
  })
  async get(
    @Param() params: ReferralIdParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<ReferralView> {
    const { view, revision } = await this.query.run(params.id, principal.organisationId);
    response.setHeader('ETag', etagOf(revision));
    return view;
  }
}
