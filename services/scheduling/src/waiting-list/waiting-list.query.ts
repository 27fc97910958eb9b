import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, pageEnvelope, pageOffset } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { DAY_MS } from '../domain';
import type { WaitingListPage } from './waiting-list.view';

interface Row {
  episode_id: string;
  referral_id: string | null;
  patient_subject_id: string;
  organisation_id: string;
  step: string;
  urgency: string;
  referred_at: Date;
  waiting_since: Date;
  total: string;
}

/** Most urgent first (crisis, urgent, routine), then longest waiting. */
@Injectable()
export class WaitingListQuery {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run(filter: { organisation: string; step?: string; page: number; pageSize: number }): Promise<WaitingListPage> {
    const now = Date.parse(this.clock.now());
    const rows = (await this.dataSource.query(
      `SELECT episode_id, referral_id, patient_subject_id, organisation_id, step, urgency, referred_at, waiting_since,
              count(*) OVER () AS total
         FROM "scheduling"."waiting_list"
        WHERE status = 'waiting' AND organisation_id = $1 AND ($2::text IS NULL OR step = $2)
        ORDER BY CASE urgency WHEN 'crisis' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, waiting_since, episode_id
        LIMIT $3 OFFSET $4`,
      [filter.organisation, filter.step ?? null, filter.pageSize, pageOffset(filter)],
    )) as Row[];
    return pageEnvelope(
      rows.map((r) => ({
        id: r.episode_id,
        patientSubjectId: r.patient_subject_id,
        referralId: r.referral_id,
        organisation: r.organisation_id,
        step: r.step,
        urgency: r.urgency,
        referredAt: r.referred_at.toISOString(),
        waitingSince: r.waiting_since.toISOString(),
        daysWaited: Math.max(0, Math.floor((now - r.waiting_since.getTime()) / DAY_MS)),
      })),
      filter,
      rows[0] ? Number(rows[0].total) : 0,
    );
  }
}
