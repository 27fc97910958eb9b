import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { etagOf } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
import { REFERRAL_VISIBILITY } from '../referrals-visibility';
import { REFERRAL_ROLES } from '../referral-roles';
import { GetReferralQuery } from './get-referral.query';
import { ReferralIdParams } from './referral-id.params';
import { ReferralView } from './referral.view';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class GetReferralController {
  constructor(private readonly query: GetReferralQuery) {}

  @Get(':id')
  @Roles(...REFERRAL_ROLES)
  // The caller's organisation needs a care relationship with the person (referrer, receiving service, provider),
  // and the read is audited to the person's access stream before the referral leaves.
  @PatientRecord({ resource: 'referral' })
  @Visibility(REFERRAL_VISIBILITY)
  @ApiOkResponse({ type: ReferralView, description: 'The referral; its ETag is the stream revision, for If-Match.' })
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
