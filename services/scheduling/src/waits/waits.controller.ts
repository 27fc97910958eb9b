import { notOptedOut } from '@stepwell/personal-data';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { aggregateOrganisation, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { IsOptional, Matches } from 'class-validator';
import { type CourseOfTreatment, nationalWaitingShares, ODS_CODE, waitingClockKindFor } from '@stepwell/contracts';
import { CLOCK, type Clock, IsStrictDate } from '@stepwell/http';
import { DataSource } from 'typeorm';
import {
  londonDaysBefore,
  hiddenWaits,
  publishedNationalShares,
  publishedWaitsWindow,
  TREATMENT_PURPOSES,
  WAITS_SUPPRESSION,
  waitsBetween,
  type AppointmentPurpose,
  type PublishedNationalShares,
  type PublishedWaitsWindow,
  type ReferralJourney,
} from '../domain';

export class WaitsParams {
  @ApiPropertyOptional({
    example: 'RXT01',
    description: "ODS code of the organisation whose appointments end the waits; default the caller's own. Only a commissioner may name another organisation (403 otherwise).",
  })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation?: string;

  @ApiPropertyOptional({ description: 'Waits ending at or after (UTC instant); default 90 days before `to` on the Europe/London calendar (same wall-clock time)' })
  @IsOptional()
  @IsStrictDate('either')
  from?: string;

  @ApiPropertyOptional({ description: 'Waits ending before (UTC instant); default now' })
  @IsOptional()
  @IsStrictDate('either')
  to?: string;
}

export class WaitsReport {
  @ApiProperty() organisation!: string;
  @ApiProperty({
    type: Object,
    description:
      'The national KPI: of the Talking Therapies referrals that finished a course of treatment (discharged after at least two attended treatments) in [from, to), the share whose wait from referral received to first attended treatment was ≤ 6 and ≤ 18 weeks (unadjusted). Definition and source: NATIONAL_WAITING_TIME_DEFINITION in @stepwell/contracts.',
  })
  national!: PublishedNationalShares;
  @ApiProperty({ description: 'Local: referral to first appointment, to first treatment (with the share of treatment starts within 6 and 18 weeks — not the national KPI), first to second treatment' })
  window!: PublishedWaitsWindow;
  @ApiProperty({ description: 'The same measures over the 28 and 90 days before `to`' })
  recent!: { asOf: string; last28Days: PublishedWaitsWindow; last90Days: PublishedWaitsWindow };
  @ApiProperty({ description: 'Small-number suppression: counts 1–4 and every figure computed from fewer than `threshold` waits are null' })
  suppression!: typeof WAITS_SUPPRESSION;
}

/** Aggregate waits only (no patient in the answer): a provider's own, or any provider's for a commissioner. */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class WaitsController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('waits')
  @Roles('admin', 'clinician', 'ops')
  @ApiOkResponse({ type: WaitsReport })
  async waits(@Query() params: WaitsParams, @CurrentPrincipal() principal: Principal): Promise<WaitsReport> {
    const organisation = aggregateOrganisation(principal, params.organisation);
    const to = new Date(params.to ?? this.clock.now()).toISOString();
    const from = params.from ? new Date(params.from).toISOString() : londonDaysBefore(to, 90);
    const rows = (await this.dataSource.query(
      `SELECT w.episode_id, w.referral_id, w.referred_at, w.step, w.status, w.changed_at, a.starts_at, a.purpose
         FROM "scheduling"."waiting_list" w
         JOIN "scheduling"."appointments" a ON a.episode_id = w.episode_id AND a.status = 'attended'
        WHERE a.organisation_id = $1
          -- A secondary use: people with a national data opt-out are left out (issue 15 item 5, hazard H-OO1).
          AND ${notOptedOut('scheduling', 'w.patient_subject_id')}`,
      [organisation],
    )) as {
      episode_id: string;
      referral_id: string | null;
      referred_at: Date;
      step: string;
      status: string;
      changed_at: Date;
      starts_at: Date;
      purpose: AppointmentPurpose;
    }[];
    const courses = new Map<string, CourseOfTreatment & { attendedTreatmentsAt: string[] }>();
    for (const row of rows) {
      // The 6/18-week standard is for Talking Therapies steps only.
      if (waitingClockKindFor(row.step) !== 'talking-therapies') continue;
      const course = courses.get(row.episode_id) ?? {
        referralReceivedAt: row.referred_at.toISOString(),
        attendedTreatmentsAt: [],
        endedAt: row.status === 'discharged' ? row.changed_at.toISOString() : null,
      };
      if (TREATMENT_PURPOSES.includes(row.purpose)) course.attendedTreatmentsAt.push(row.starts_at.toISOString());
      courses.set(row.episode_id, course);
    }
    const journeys = new Map<string, ReferralJourney & { attended: { startsAt: string; purpose: AppointmentPurpose }[] }>();
    for (const row of rows) {
      const journey = journeys.get(row.episode_id) ?? { referralId: row.referral_id ?? row.episode_id, referredAt: row.referred_at.toISOString(), attended: [] };
      journey.attended.push({ startsAt: row.starts_at.toISOString(), purpose: row.purpose });
      journeys.set(row.episode_id, journey);
    }
    const all = [...journeys.values()];
    const recent = hiddenWaits(all, to);
    // Aggregates for readers outside the person's care: small numbers are suppressed before anything leaves (H-RV2).
    return {
      organisation,
      national: publishedNationalShares(nationalWaitingShares([...courses.values()], from, to)),
      window: publishedWaitsWindow(waitsBetween(all, from, to)),
      recent: { asOf: recent.asOf, last28Days: publishedWaitsWindow(recent.last28Days), last90Days: publishedWaitsWindow(recent.last90Days) },
      suppression: WAITS_SUPPRESSION,
    };
  }
}
