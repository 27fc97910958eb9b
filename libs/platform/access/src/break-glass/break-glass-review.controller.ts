import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { Roles } from '../authorisation/roles.decorator';
import { BreakGlassReview, type BreakGlassReviewPage } from './break-glass-review';

const MAX_LIMIT = 200;

function nonNegativeInteger(value: string | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,15}$/.test(value)) throw new BadRequestException({ statusCode: 400, code: 'INVALID_QUERY', message: `${name} must be a non-negative integer` });
  return Number(value);
}

/** `GET /audit/break-glass?after=<cursor>&limit=<n>`: emergency accesses for auditors to review. */
@Controller('audit/break-glass')
export class BreakGlassReviewController {
  constructor(@Inject(BreakGlassReview) private readonly review: BreakGlassReview) {}

  @Get()
  @Roles('auditor')
  async list(@Query('after') after?: string, @Query('limit') limit?: string): Promise<BreakGlassReviewPage> {
    const size = Math.min(nonNegativeInteger(limit, 'limit', 50) ?? 50, MAX_LIMIT);
    return this.review.list(nonNegativeInteger(after, 'after', undefined), Math.max(size, 1));
  }
}
