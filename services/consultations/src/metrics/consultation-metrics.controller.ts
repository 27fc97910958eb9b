import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { ODS_CODE, suppressedCount, suppressedFigure } from '@stepwell/contracts';
import { CLOCK, type Clock, IsStrictDate } from '@stepwell/http';
import { notOptedOut } from '@stepwell/personal-data';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import {
  addDays,
  CONSULTATION_OUTCOMES,
  londonDateOf,
  londonStartOf,
  referralRateFigures,
  referralRateWindows,
  type ConsultationOutcome,
} from '../domain';

/**
 * What a request became (issue 16 item 8, "conversions"): direct treatment by the consultation service itself, a
 * referral elsewhere (Talking Therapies step 2 or 3, secondary care, the crisis pathway, a social prescription), a
 * step change of an existing episode, or advice only (manage in primary care, no action). Every coded outcome is in
 * exactly one group (`consultation-metrics.int-spec.ts` checks the partition).
 */
export const CONVERSIONS: Readonly<Record<'directTreatment' | 'referral' | 'stepChange' | 'advice', readonly ConsultationOutcome[]>> = {
  directTreatment: ['direct-psychological-therapy'],
  referral: ['refer-to-talking-therapies-step-2', 'refer-to-talking-therapies-step-3', 'refer-to-secondary-care', 'crisis-pathway', 'social-prescription'],
  stepChange: ['step-change'],
  advice: ['manage-in-primary-care', 'no-action'],
};
import { OtherOrganisationError } from '../shared/other-organisation.error';

export class ConsultationMetricsParams {
  @ApiProperty({ example: 'PCP01', description: 'The caller’s own organisation (consultations it was asked or asked for)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiProperty({ example: '2026-04-01', description: 'First day (Europe/London) of requests counted' })
  @IsStrictDate('date')
  from!: string;

  @ApiProperty({ example: '2027-03-31', description: 'Last day (Europe/London) of requests counted, inclusive' })
  @IsStrictDate('date')
  to!: string;

  @ApiPropertyOptional({
    enum: ['practice', 'specialism'],
    description: 'Also the same figures per requesting practice (organisation), or per answering specialist’s specialism (`not-recorded` for answers before it was asked), for a consultation service',
  })
  @IsOptional()
  @IsIn(['practice', 'specialism'])
  groupBy?: 'practice' | 'specialism';
}


interface Totals {
  requests: string;
  answered: string;
  within_target: string;
  median_hours: number | null;
  p90_hours: number | null;
  rated: string;
  mean_usefulness: number | null;
}

/**
 * GET /metrics/consultations: aggregates only (no patient in the answer), with small numbers suppressed
 * (`small-numbers.ts` in `@stepwell/contracts`). Time to answer is elapsed hours from request to answer; "within target" is answered
 * by the due time (the response target in England and Wales working days). `managedInPrimaryCare` is the share of
 * answers coded `manage-in-primary-care`: the referrals the advice avoided. `groupBy=practice` adds to each practice's
 * line `secondaryCareReferrals`: its rate of referrals to secondary care before and after its first request to this
 * service (`domain/secondary-care-referral-rate.ts` defines it), from referrals' published `referral-received` and
 * `organisation-recorded` events.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics/consultations')
export class ConsultationMetricsController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('admin', 'clinician')
  async find(@Query() params: ConsultationMetricsParams, @CurrentPrincipal() principal: Principal) {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    const from = londonStartOf(params.from.slice(0, 10));
    const to = londonStartOf(addDays(params.to.slice(0, 10), 1));
    const report = {
      organisation: params.organisation,
      from: params.from.slice(0, 10),
      to: params.to.slice(0, 10),
      ...(await this.figures(`(consultation_service_id = $1 OR requesting_organisation_id = $1)`, [params.organisation], from, to)),
    };
    if (params.groupBy === 'specialism') {
      // Per answering specialism (of this service's answers): each line suppressed on its own.
      const specialisms = (await this.dataSource.query(
        `SELECT DISTINCT COALESCE(specialism, 'not-recorded') AS specialism FROM "consultations"."consultations" c
          WHERE consultation_service_id = $1 AND answered_at IS NOT NULL AND requested_at >= $2 AND requested_at < $3 AND ${this.notOptedOut()} ORDER BY 1`,
        [params.organisation, from, to],
      )) as Array<{ specialism: string }>;
      const bySpecialism = [];
      for (const { specialism } of specialisms) {
        bySpecialism.push({ specialism, ...(await this.figures(`consultation_service_id = $1 AND COALESCE(specialism, 'not-recorded') = $4`, [params.organisation, specialism], from, to)) });
      }
      return { ...report, bySpecialism };
    }
    if (params.groupBy !== 'practice') return report;
    // Per practice that asked this service: each practice's figures suppressed on their own.
    const practices = (await this.dataSource.query(
      `SELECT DISTINCT requesting_organisation_id AS practice FROM "consultations"."consultations" c
        WHERE consultation_service_id = $1 AND requested_at >= $2 AND requested_at < $3 AND ${this.notOptedOut()} ORDER BY 1`,
      [params.organisation, from, to],
    )) as Array<{ practice: string }>;
    const byPractice = [];
    for (const { practice } of practices) {
      byPractice.push({
        practice,
        ...(await this.figures(`consultation_service_id = $1 AND requesting_organisation_id = $4`, [params.organisation, practice], from, to)),
        secondaryCareReferrals: await this.secondaryCareReferrals(params.organisation, practice, params.from.slice(0, 10), params.to.slice(0, 10)),
      });
    }
    return { ...report, byPractice };
  }

  /** The national data opt-out (issue 15 item 5; NHS England, National data opt-out operational policy): figures are secondary use. */
  private notOptedOut(): string {
    return notOptedOut('consultations', 'c.patient_subject_id');
  }

  /**
   * Issue 16 item 8: the practice's referrals to secondary care before and after its first request to this service
   * (the Catterick pilot's measure; definition and limits in `domain/secondary-care-referral-rate.ts`, hazards
   * H-CM1–H-CM4). The start leaves opted-out people's requests out, the counts their referrals.
   */
  private async secondaryCareReferrals(service: string, practice: string, from: string, to: string) {
    const [first] = (await this.dataSource.query(
      `SELECT min(requested_at) AS first FROM "consultations"."consultations" c
        WHERE consultation_service_id = $1 AND requesting_organisation_id = $2 AND ${this.notOptedOut()}`,
      [service, practice],
    )) as Array<{ first: Date | null }>;
    // The practice has a request in the period (that is why it has a line), so it has a first one.
    if (!first?.first) return null;
    const start = londonDateOf(first.first.toISOString());
    const windows = referralRateWindows({ from, to, today: londonDateOf(this.clock.now()), start });
    if ('reason' in windows) return { firstRequestOn: windows.start, windowDays: windows.windowDays, noComparison: windows.reason, before: null, after: null, relativeChange: null };
    const [counts] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.received_at >= $2 AND r.received_at < $3) AS before,
              count(*) FILTER (WHERE r.received_at >= $3 AND r.received_at < $4) AS after
         FROM "consultations"."referrals_received" r
         JOIN "consultations"."registered_organisations" o ON o.code = r.receiving_organisation_id AND o.organisation_type = 'secondary-care'
        WHERE r.referrer_organisation_id = $1 AND ${notOptedOut('consultations', 'r.patient_subject_id')}
          AND NOT EXISTS (SELECT 1 FROM "consultations"."referrals_not_counted" n WHERE n.referral_id = r.referral_id)`,
      [practice, londonStartOf(windows.before.from), londonStartOf(windows.after.from), londonStartOf(addDays(windows.after.to, 1))],
    )) as Array<{ before: string; after: string }>;
    const figures = referralRateFigures(windows.windowDays, Number(counts?.before ?? 0), Number(counts?.after ?? 0));
    return {
      firstRequestOn: windows.start,
      windowDays: windows.windowDays,
      noComparison: null,
      before: { ...windows.before, ...figures.before },
      after: { ...windows.after, ...figures.after },
      relativeChange: figures.relativeChange,
    };
  }

  private async figures(where: string, ids: string[], from: string, to: string) {
    // Secondary use: a person with a national data opt-out is left out (an anonymous case names nobody and counts).
    const scope = `${where} AND requested_at >= $2 AND requested_at < $3 AND ${this.notOptedOut()}`;
    const values = [ids[0], from, to, ...ids.slice(1)];
    const [totals] = (await this.dataSource.query(
      `SELECT count(*) AS requests,
              count(answered_at) AS answered,
              count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at <= due_at) AS within_target,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - requested_at) / 3600) FILTER (WHERE answered_at IS NOT NULL) AS median_hours,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - requested_at) / 3600) FILTER (WHERE answered_at IS NOT NULL) AS p90_hours,
              count(usefulness) AS rated,
              avg(usefulness)::float AS mean_usefulness
         FROM "consultations"."consultations" c WHERE ${scope}`,
      values,
    )) as Totals[];
    const outcomes = (await this.dataSource.query(
      `SELECT outcome, count(*) AS n FROM "consultations"."consultations" c WHERE ${scope} AND outcome IS NOT NULL GROUP BY outcome`,
      values,
    )) as Array<{ outcome: string; n: string }>;
    const requests = Number(totals?.requests ?? 0);
    const answered = Number(totals?.answered ?? 0);
    const rated = Number(totals?.rated ?? 0);
    const byOutcome = new Map(outcomes.map((o) => [o.outcome, Number(o.n)]));
    const round = (value: number | null, places = 2) => (value === null ? null : Math.round(value * 10 ** places) / 10 ** places);
    // A share of a suppressed count would reveal it: shown only for 0 or at least 5.
    const shareOf = (count: number) => suppressedFigure(answered, answered && (count === 0 || count >= 5) ? round(count / answered, 3) : null);
    return {
      requests: suppressedCount(requests),
      answered: suppressedCount(answered),
      timeToAnswerHours: {
        median: suppressedFigure(answered, round(totals?.median_hours ?? null, 1)),
        p90: suppressedFigure(answered, round(totals?.p90_hours ?? null, 1)),
      },
      shareAnsweredWithinTarget: suppressedFigure(answered, answered ? round(Number(totals?.within_target ?? 0) / answered, 3) : null),
      outcomeMix: CONSULTATION_OUTCOMES.map((outcome) => {
        const count = byOutcome.get(outcome) ?? 0;
        return { outcome, count: suppressedCount(count), share: shareOf(count) };
      }),
      managedInPrimaryCare: shareOf(byOutcome.get('manage-in-primary-care') ?? 0),
      // What the answered requests became: counts and shares of the answers, suppressed like the outcome mix.
      conversions: Object.fromEntries(
        Object.entries(CONVERSIONS).map(([group, members]) => {
          const count = members.reduce((sum, outcome) => sum + (byOutcome.get(outcome) ?? 0), 0);
          return [group, { count: suppressedCount(count), share: shareOf(count) }];
        }),
      ),
      usefulness: { ratings: suppressedCount(rated), mean: suppressedFigure(rated, round(totals?.mean_usefulness ?? null, 2)) },
    };
  }
}
