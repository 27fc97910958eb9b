import { Inject, Injectable } from '@nestjs/common';
import { pageEnvelope, pageOffset, type Page } from '@stepwell/http';
import { DataSource } from 'typeorm';
import type { WorklistParams } from './worklist.params';

export interface WorklistItem {
  id: string;
  requestingOrganisation: string;
  consultationService: string;
  /** Null for an anonymous case. */
  patientSubjectId: string | null;
  urgency: string;
  preferredMode: string;
  status: string;
  assignedTo: string | null;
  requestedAt: string;
  dueAt: string;
  breached: boolean;
  outcome: string | null;
  answeredAt: string | null;
}

interface Row {
  consultation_id: string;
  requesting_organisation_id: string;
  consultation_service_id: string;
  patient_subject_id: string | null;
  urgency: string;
  preferred_mode: string;
  status: string;
  assigned_to: string | null;
  requested_at: Date;
  due_at: Date;
  breached: boolean;
  outcome: string | null;
  answered_at: Date | null;
  total: string;
}

// The organisation's consultations on either side: those it was asked (its worklist) and those it asked.
const WHERE = `(consultation_service_id = $1 OR requesting_organisation_id = $1) AND ($2::text IS NULL OR status = $2)
  AND ($3::text IS NULL OR assigned_to = $3) AND ($4::boolean IS NULL OR breached = $4)`;

/** GET /consultations: urgent first, then by due time (the most overdue first), then first asked, a page at a time. */
@Injectable()
export class WorklistQuery {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async run(filter: WorklistParams): Promise<Page<WorklistItem>> {
    const params = [filter.organisation, filter.status ?? null, filter.assignedTo ?? null, filter.breach === undefined ? null : filter.breach === 'true'];
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "consultations"."consultations" WHERE ${WHERE}
        ORDER BY (urgency = 'urgent') DESC, due_at, requested_at, consultation_id LIMIT $5 OFFSET $6`,
      [...params, filter.pageSize, pageOffset(filter)],
    )) as Row[];
    const total = rows[0]
      ? Number(rows[0].total)
      : Number(((await this.dataSource.query(`SELECT count(*) AS total FROM "consultations"."consultations" WHERE ${WHERE}`, params)) as { total: string }[])[0]?.total ?? 0);
    return pageEnvelope(
      rows.map((r) => ({
        id: r.consultation_id,
        requestingOrganisation: r.requesting_organisation_id,
        consultationService: r.consultation_service_id,
        patientSubjectId: r.patient_subject_id,
        urgency: r.urgency,
        preferredMode: r.preferred_mode,
        status: r.status,
        assignedTo: r.assigned_to,
        requestedAt: new Date(r.requested_at).toISOString(),
        dueAt: new Date(r.due_at).toISOString(),
        breached: r.breached,
        outcome: r.outcome,
        answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
      })),
      filter,
      total,
    );
  }
}
