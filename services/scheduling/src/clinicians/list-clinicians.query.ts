import { Inject, Injectable } from '@nestjs/common';
import { pageEnvelope, pageOffset } from '@stepwell/http';
import { DataSource } from 'typeorm';
import type { ClinicianRole } from '../domain';
import type { ClinicianPage } from './clinician.view';

interface Row {
  clinician_id: string;
  name: string;
  organisation_id: string;
  role: ClinicianRole;
  languages: string[];
  sites: string[];
  total: string;
}

@Injectable()
export class ListCliniciansQuery {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run(filter: { organisation: string; role?: string; language?: string; page: number; pageSize: number }): Promise<ClinicianPage> {
    const rows = (await this.dataSource.query(
      `SELECT clinician_id, name, organisation_id, role, languages, sites, count(*) OVER () AS total
         FROM "scheduling"."clinicians"
        WHERE organisation_id = $1 AND ($2::text IS NULL OR role = $2) AND ($3::text IS NULL OR $3 = ANY(languages))
        ORDER BY name, clinician_id LIMIT $4 OFFSET $5`,
      [filter.organisation, filter.role ?? null, filter.language ?? null, filter.pageSize, pageOffset(filter)],
    )) as Row[];
    return pageEnvelope(
      rows.map((r) => ({ id: r.clinician_id, name: r.name, organisation: r.organisation_id, role: r.role, languages: r.languages, sites: r.sites })),
      filter,
      rows[0] ? Number(rows[0].total) : await this.count(filter),
    );
  }

  // A page past the end has no rows to carry the total.
  private async count(filter: { organisation: string; role?: string; language?: string }): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*) AS total FROM "scheduling"."clinicians"
        WHERE organisation_id = $1 AND ($2::text IS NULL OR role = $2) AND ($3::text IS NULL OR $3 = ANY(languages))`,
      [filter.organisation, filter.role ?? null, filter.language ?? null],
    )) as { total: string }[];
    return Number(row?.total ?? 0);
  }
}
