import { Inject, Injectable } from '@nestjs/common';
import { pageEnvelope, pageOffset, type Page } from '@stepwell/http';
import { DataSource } from 'typeorm';
import type { OfferingFacts } from '../domain';
import type { OfferingView } from './offering.view';

interface Row {
  organisation_id: string;
  specialist_pool: OfferingFacts['specialistPool'];
  modes: OfferingFacts['modes'];
  eligibility_notes: string;
  response_target_working_days: number;
  opening_hours: OfferingFacts['openingHours'];
  published_at: Date;
  total: string;
}

const WHERE = `($1::text IS NULL OR $1 = ANY(modes)) AND ($2::text IS NULL OR specialist_pool @> jsonb_build_array(jsonb_build_object('specialism', $2::text)))`;

/** Every published offering (not patient data: what services offer), by organisation, a page at a time. */
@Injectable()
export class ListOfferingsQuery {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run(filter: { mode?: string; specialism?: string; page: number; pageSize: number }): Promise<Page<OfferingView>> {
    const params = [filter.mode ?? null, filter.specialism ?? null];
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "consultations"."offerings" WHERE ${WHERE} ORDER BY organisation_id LIMIT $3 OFFSET $4`,
      [...params, filter.pageSize, pageOffset(filter)],
    )) as Row[];
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(((await this.dataSource.query(`SELECT count(*) AS total FROM "consultations"."offerings" WHERE ${WHERE}`, params)) as { total: string }[])[0]?.total ?? 0);
    return pageEnvelope(
      rows.map((r) => ({
        organisation: r.organisation_id,
        specialistPool: r.specialist_pool,
        modes: r.modes,
        eligibilityNotes: r.eligibility_notes,
        responseTargetWorkingDays: r.response_target_working_days,
        openingHours: r.opening_hours,
        publishedAt: new Date(r.published_at).toISOString(),
      })),
      filter,
      total,
    );
  }
}
