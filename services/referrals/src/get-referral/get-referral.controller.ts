import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { etagOf } from '@stepwell/http';
import type { HeaderSink } from '../header-sink';
import { GetReferralQuery } from './get-referral.query';
import { ReferralIdParams } from './referral-id.params';
import { ReferralView } from './referral.view';

@ApiTags('referrals')
@Controller('referrals')
export class GetReferralController {
  constructor(private readonly query: GetReferralQuery) {}

  @Get(':id')
  @ApiOkResponse({ type: ReferralView, description: 'The referral; its ETag is the stream revision, for If-Match.' })
  async get(@Param() params: ReferralIdParams, @Res({ passthrough: true }) response: HeaderSink): Promise<ReferralView> {
    const { view, revision } = await this.query.run(params.id);
    response.setHeader('ETag', etagOf(revision));
    return view;
  }
}
