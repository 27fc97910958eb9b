import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, CurrentPrincipal, decideAccess, type Principal, Roles } from '@stepwell/access';
import { RequestValidationError } from '@stepwell/http';
import { notOptedOut } from '@stepwell/personal-data';
import { readModelSchema } from '@stepwell/read-models';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { GAP_GROUPINGS, gapMetrics, type GapGrouping, type GapMetrics } from '../domain/care-threads/gap-metrics';
import { CareThreadRefusalRow, CareThreadRow } from '../read-models/care-thread.entities';
import { OrganisationRow } from '../shared/organisation-row.entity';

export class GapMetricsQuery {
  @ApiProperty({ example: '2026-10-01T00:00:00Z', description: 'Refusals decided from this instant (inclusive)' })
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date or instant' })
  from!: string;

  @ApiProperty({ example: '2027-01-01T00:00:00Z', description: 'Up to this instant (exclusive)' })
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date or instant' })
  to!: string;

  @ApiPropertyOptional({
    enum: GAP_GROUPINGS,
    default: 'practice',
    description: "practice: the referring organisation; service: the refusing one; equity: the person's age band at the referral (the only equity field a referral holds)",
  })
  @IsOptional()
  @IsIn(GAP_GROUPINGS)
  groupBy?: GapGrouping;
}

/** The longest period one answer covers: enough for a commissioning year, bounded so one request stays cheap. */
const MAX_PERIOD_DAYS = 400;

/**
 * Gap watch (issue 18 item 4): the commissioner's view. Aggregates only — no person, no thread, every count under 5
 * suppressed, people with a national data opt-out left out — by practice, refusing service or age band, decided by the one access policy (`metrics.gaps`, relationship kind `commissioning`: commissioner
 * organisations only; 403 to everyone else). No patient data, so there is no audited read to record.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class GapMetricsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('gaps')
  @Roles('ops', 'admin', 'clinician')
  @ApiOkResponse({ description: 'Overall and per practice, service or age band (equity): refusals, people refused, share reaching care within 14/28/90 days, median days from first referral to accepted care, threads overdue, bounces, people refused by both Talking Therapies and secondary care, decline reasons; counts under 5 are null.' })
  async gaps(@Query() query: GapMetricsQuery, @CurrentPrincipal() principal: Principal): Promise<GapMetrics> {
    const decision = decideAccess({
      organisationType: principal.organisationType,
      roles: principal.roles,
      action: 'metrics.gaps',
      kinds: new Set(['commissioning']),
      consentToShare: false,
      awaitingTriage: false,
      breakGlass: false,
    });
    if (!decision.allowed) throw new ActionNotPermittedError();
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from.getTime() < to.getTime())) throw new RequestValidationError([{ field: 'to', messages: ['to must be after from'] }]);
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
      throw new RequestValidationError([{ field: 'to', messages: [`the period may be at most ${MAX_PERIOD_DAYS} days`] }]);
    }
    const refusals = await this.dataSource
      .getRepository(CareThreadRefusalRow)
      .createQueryBuilder('r')
      .where('r.decided_at >= :from AND r.decided_at < :to', { from, to })
      // A secondary use: people with a national data opt-out are left out (issue 15 item 5, hazard H-OO1); their
      // threads, tasks and flags (direct care) are unchanged.
      .andWhere(notOptedOut(readModelSchema(this.dataSource), 'r.patient_subject_id'))
      .getMany();
    const threadIds = [...new Set(refusals.map((r) => r.threadId))];
    const threads = threadIds.length === 0 ? [] : await this.dataSource.getRepository(CareThreadRow).findBy({ threadId: In(threadIds) });
    const codes = [...new Set(refusals.map((r) => r.refusingOrganisationId))];
    const types = new Map(
      (codes.length === 0 ? [] : await this.dataSource.getRepository(OrganisationRow).findBy({ code: In(codes) })).map((o) => [o.code, o.organisationType]),
    );
    return gapMetrics({
      from,
      to,
      groupBy: query.groupBy ?? 'practice',
      threads: threads.map((t) => ({
        threadId: t.threadId,
        patientSubjectId: t.patientSubjectId,
        referringOrganisationId: t.referringOrganisationId,
        openedAt: t.openedAt,
        firstReferralReceivedAt: t.firstReferralReceivedAt,
        resolvedAt: t.resolvedAt,
        how: t.resolvedHow,
        overdueAt: t.overdueAt,
      })),
      refusals: refusals.map((r) => ({
        threadId: r.threadId,
        patientSubjectId: r.patientSubjectId,
        referralId: r.referralId,
        referringOrganisationId: r.referringOrganisationId,
        refusingOrganisationId: r.refusingOrganisationId,
        refusingOrganisationType: types.get(r.refusingOrganisationId) ?? null,
        outcome: r.outcome,
        declineReason: r.declineReason,
        decidedAt: r.decidedAt,
        ageBand: r.ageBand,
      })),
    });
  }
}
