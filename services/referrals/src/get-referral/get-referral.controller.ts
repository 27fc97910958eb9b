import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@stepwell/access';
import { etagOf } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
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
  // The tiny referral names no patient yet, so there is no relationship check or read audit here; once referrals
  // carry a patient this becomes a @PatientRecord route.
  @Roles(...REFERRAL_ROLES)
  @ApiOkResponse({ type: ReferralView, description: 'The referral; its ETag is the stream revision, for If-Match.' })
  async get(@Param() params: ReferralIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<ReferralView> {
    const { view, revision } = await this.query.run(params.id);
    response.setHeader('ETag', etagOf(revision));
    return view;
  }
}
