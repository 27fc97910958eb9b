import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsStrictDate, PageQuery, type Page } from '@stepwell/http';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
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

  @ApiPropertyOptional({ format: 'date-time', description: 'Grants made at or after this instant' })
  @IsOptional()
  @IsStrictDate('date-time')
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Grants made before this instant' })
  @IsOptional()
  @IsStrictDate('date-time')
  to?: string;
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

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 2000,
    description: 'Why: required unless the decision is `appropriate`; kept in the access trail, never published',
  })
  // Checked when given, and required for `inappropriate` and `needs-follow-up` (a 400 naming `note`, nothing written).
  @ValidateIf((body: BreakGlassReviewRequest) => body.note !== undefined || body.decision !== 'appropriate')
  @IsString({ message: 'note is required unless the decision is appropriate' })
  @Length(1, 2000, { message: 'note must be 1 to 2000 characters (required unless the decision is appropriate)' })
  note?: string;
}

/**
 * The break-glass review queue. `GET /audit/break-glass?organisation=&reviewed=&from=&to=&page=&pageSize=`: an organisation's
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
      { organisation: query.organisation, reviewed: query.reviewed, from: query.from, to: query.to },
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
    return this.review.review(principal, params.id, { decision: body.decision, note: body.note ?? null }, correlationIdOf(request));
  }
}
