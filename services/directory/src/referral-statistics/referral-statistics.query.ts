import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@stepwell/decider';
import { notOptedOut } from '@stepwell/personal-data';
import { DataSource } from 'typeorm';
import type { DirectoryErrorCode } from '../shared/directory-error-mappings';

/**
 * Small-number suppression: a figure computed from fewer referrals than this is not shown (null, with the reason), so
 * that a referrer cannot learn about one or two identifiable people from it. The threshold (under 5) is Stepwell's
 * choice, in line with the small-number suppression of NHS England's official statistics; hazard log H-SP4.
 */
export const SUPPRESS_UNDER = 5;
/** The statistics look back a year of direct referrals (by when they were made). */
export const STATISTICS_WINDOW_DAYS = 365;

export interface ReferralStatistics {
  service_id: string;
  window_days: number;
  /** Median days from a direct referral to the organisation's answer (accepted or declined); null when suppressed. */
  usual_reply_days: number | null;
  /** Share of the window's direct referrals that were accepted (of those accepted, declined or auto-declined), 0–1; null when suppressed. */
  accepted_share: number | null;
  /** The provider's last report: current wait for a first session, in days (null: never reported). */
  current_wait_days: number | null;
  /** The provider's last report: places free now (counts places, not people: never suppressed). */
  places_free: number | null;
  capacity_reported_at: string | null;
  /** Why a figure is null: `fewer-than-5-referrals` or `not-reported`. */
  suppressed: Array<{ field: string; reason: 'fewer-than-5-referrals' | 'not-reported' }>;
}

/**
 * What a referrer sees of a service's social prescriptions, aggregated and suppressed (issue 17 item 2). A secondary
 * use: people with a national data opt-out are left out (issue 15 item 5, hazard H-OO1).
 */
@Injectable()
export class ReferralStatisticsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async of(serviceId: string, now: string): Promise<ReferralStatistics> {
    const [service] = (await this.dataSource.query(
      `SELECT places_free, wait_days, capacity_reported_at FROM "directory"."services" WHERE id = $1`,
      [serviceId],
    )) as Array<{ places_free: number | null; wait_days: number | null; capacity_reported_at: Date | null }>;
    if (!service) throw new NotFoundError<DirectoryErrorCode>('SERVICE_NOT_FOUND', 'No such service');
    const [counts] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE r.outcome IN ('accepted', 'declined'))::int AS replied,
              count(*) FILTER (WHERE r.outcome IS NOT NULL)::int AS answered,
              count(*) FILTER (WHERE r.outcome = 'accepted')::int AS accepted,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.answered_at - r.made_at) / 86400)
                FILTER (WHERE r.outcome IN ('accepted', 'declined')) AS median_days
         FROM "directory"."community_referrals" r
         JOIN "directory"."social_prescriptions" p ON p.id = r.prescription_id
        WHERE r.service_id = $1 AND r.made_at > $2::timestamptz - make_interval(days => $3)
          AND ${notOptedOut('directory', 'p.patient_subject_id')}`,
      [serviceId, now, STATISTICS_WINDOW_DAYS],
    )) as Array<{ replied: number; answered: number; accepted: number; median_days: number | null }>;
    const c = counts ?? { replied: 0, answered: 0, accepted: 0, median_days: null };
    const suppressed: ReferralStatistics['suppressed'] = [];
    const replyDays = c.replied >= SUPPRESS_UNDER && c.median_days !== null ? Math.round(c.median_days * 10) / 10 : null;
    if (replyDays === null) suppressed.push({ field: 'usual_reply_days', reason: 'fewer-than-5-referrals' });
    const share = c.answered >= SUPPRESS_UNDER ? Math.round((c.accepted / c.answered) * 100) / 100 : null;
    if (share === null) suppressed.push({ field: 'accepted_share', reason: 'fewer-than-5-referrals' });
    if (service.capacity_reported_at === null) {
      suppressed.push({ field: 'current_wait_days', reason: 'not-reported' }, { field: 'places_free', reason: 'not-reported' });
    }
    return {
      service_id: serviceId,
      window_days: STATISTICS_WINDOW_DAYS,
      usual_reply_days: replyDays,
      accepted_share: share,
      current_wait_days: service.wait_days,
      places_free: service.places_free,
      capacity_reported_at: service.capacity_reported_at ? service.capacity_reported_at.toISOString() : null,
      suppressed,
    };
  }
}
