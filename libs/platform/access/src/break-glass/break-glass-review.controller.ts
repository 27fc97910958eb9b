import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PageQuery, type Page } from '@stepwell/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { BREAK_GLASS_DECISIONS, type BreakGlassDecision } from '../audit/access-events';
import { correlationIdOf } from '../audit/correlation';
import { Roles } from '../authorisation/roles.decorator';
import type { AccessRequest } from '../principal/access-request';
import { CurrentPrincipal } from '../principal/current-principal.decorator';
import type { Principal } from '../principal/principal';
import { BreakGlassReview, type BreakGlassQueueItem } from './break-glass-review';

/** ODS codes: letters and digits (e.g. `A81001`, `RXT01`). */
const ODS_CODE = /^[A-Za-z0-9]{3,10}$/;

export class BreakGlassQueueQuery extends PageQuery {
  @ApiPropertyOptional({ description: "ODS code of the organisation whose staff broke the glass; an auditor's own by default" })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation?: string;

  @ApiPropertyOptional({ description: 'true: decided only; false: awaiting a decision; absent: both' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'reviewed must be true or false' })
  reviewed?: boolean;
}

export class BreakGlassGrantParams {
  @ApiProperty({ format: 'uuid', description: 'The grant id from the queue' })
  @IsUUID()
  id!: string;
}

export class BreakGlassReviewRequest {
  @ApiProperty({ enum: BREAK_GLASS_DECISIONS })
  @IsIn(BREAK_GLASS_DECISIONS)
  decision!: BreakGlassDecision;

  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why: kept in the access trail, never published' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

/**
 * The break-glass review queue. `GET /audit/break-glass?organisation=&reviewed=&page=&pageSize=`: an organisation's
 * privacy officer (`auditor`) sees its own staff's grants, a `national-auditor` every organisation's.
 * `POST /audit/break-glass/{id}/review`: the grant organisation's auditor records the decision (an event).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/break-glass')
export class BreakGlassReviewController {
  constructor(@Inject(BreakGlassReview) private readonly review: BreakGlassReview) {}

  @Get()
  @Roles('auditor', 'national-auditor')
  async list(
    @Query() query: BreakGlassQueueQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AccessRequest,
  ): Promise<Page<BreakGlassQueueItem>> {
    return this.review.queue(
      principal,
      { organisation: query.organisation, reviewed: query.reviewed },
      { page: query.page, pageSize: query.pageSize },
      correlationIdOf(request),
    );
  }

  @Post(':id/review')
  @HttpCode(201)
  @Roles('auditor')
  async decide(
    @Param() params: BreakGlassGrantParams,
    @Body() body: BreakGlassReviewRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AccessRequest,
  ): Promise<BreakGlassQueueItem> {
    return this.review.review(principal, params.id, { decision: body.decision, note: body.note }, correlationIdOf(request));
  }
}
