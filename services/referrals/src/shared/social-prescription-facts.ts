import { Injectable } from '@nestjs/common';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import { DataSource, type EntityManager } from 'typeorm';
import type { SocialPrescriptionFact } from '../domain/journey';

interface FactRow {
  prescription_id: string;
  kind: SocialPrescriptionFact['kind'];
  link_worker_organisation_id: string;
  service_id: string | null;
  community_organisation_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  detail: Record<string, unknown>;
}

/**
 * The directory's published facts about a person's social prescriptions (issue 17), kept for the journey: one row per
 * message, written by the directory consumer inside its inbox transaction (the message id is the key, so even a
 * replay outside the inbox inserts nothing).
 */
@Injectable()
export class SocialPrescriptionFacts {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(readModelSchema(dataSource), 'social_prescription_facts');
  }

  async record(manager: EntityManager, messageId: string, patientSubjectId: string, fact: SocialPrescriptionFact): Promise<void> {
    await manager.query(
      `INSERT INTO ${this.table} (message_id, patient_subject_id, prescription_id, kind, link_worker_organisation_id, service_id, community_organisation_id, occurred_at, recorded_at, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) ON CONFLICT (message_id) DO NOTHING`,
      [
        messageId,
        patientSubjectId,
        fact.prescriptionId,
        fact.kind,
        fact.linkWorkerOrganisationId,
        fact.serviceId,
        fact.communityOrganisationId,
        fact.occurredAt,
        fact.recordedAt,
        JSON.stringify(fact.detail),
      ],
    );
  }

  /** Every fact about the person (and the records merged into theirs), in no promised order. */
  async of(patientSubjectIds: readonly string[]): Promise<SocialPrescriptionFact[]> {
    const rows: FactRow[] = await this.dataSource.query(
      `SELECT prescription_id, kind, link_worker_organisation_id, service_id, community_organisation_id, occurred_at, recorded_at, detail
         FROM ${this.table} WHERE patient_subject_id = ANY($1)`,
      [[...patientSubjectIds]],
    );
    return rows.map((row) => ({
      prescriptionId: row.prescription_id,
      kind: row.kind,
      linkWorkerOrganisationId: row.link_worker_organisation_id,
      serviceId: row.service_id,
      communityOrganisationId: row.community_organisation_id,
      occurredAt: row.occurred_at.toISOString(),
      recordedAt: row.recorded_at.toISOString(),
      detail: row.detail,
    }));
  }
}
