import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ActionNotPermittedError, CurrentPrincipal, decideAccess, type Principal, Roles } from '@stepwell/access';
import { RequestValidationError } from '@stepwell/http';
import { notOptedOut } from '@stepwell/personal-data';
import { readModelSchema } from '@stepwell/read-models';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ODS_CODE } from '@stepwell/contracts';
import { DataSource, In } from 'typeorm';
import { GAP_GROUPINGS, gapMetrics, type GapGrouping, type GapMetrics } from '../domain/care-threads/gap-metrics';
import { CareThreadRefusalRow, CareThreadRow } from '../read-models/care-thread.entities';
import { OrganisationRow } from '../shared/organisation-row.entity';

export class GapMetricsQuery {
  @ApiPropertyOptional({
    example: 'QWE01',
    description:
      "The commissioning area: a registered commissioner organisation's ODS code. Only refusals of people referred by (or, for a self-referral, registered with) a practice in its area (the registry's commissioningArea); absent: every area",
  })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'area must be an ODS code' })
  area?: string;

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
    const area = query.area ?? null;
    const practices = area === null ? null : await this.practicesIn(area);
    const refusals =
      practices !== null && practices.length === 0
        ? []
        : await this.dataSource
            .getRepository(CareThreadRefusalRow)
            .createQueryBuilder('r')
            .where('r.decided_at >= :from AND r.decided_at < :to', { from, to })
            // The area's refusals: those of the threads its practices hold (the responsible commissioner follows the
            // person's GP practice: NHS England, *Who Pays?*).
            .andWhere(practices === null ? 'TRUE' : 'r.referring_organisation_id IN (:...practices)', practices === null ? {} : { practices })
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
      area,
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

  /** The organisations in a commissioner's area; 400 naming `area` when it is not a registered commissioner. */
  private async practicesIn(area: string): Promise<string[]> {
    const registry = this.dataSource.getRepository(OrganisationRow);
    const commissioner = await registry.findOneBy({ code: area });
    if (commissioner?.organisationType !== 'commissioner') {
      throw new RequestValidationError([{ field: 'area', messages: ['area must be the ODS code of a registered commissioner'] }]);
    }
    return (await registry.findBy({ commissioningArea: area })).map((o) => o.code);
  }
}
