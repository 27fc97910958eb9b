import { Injectable } from '@nestjs/common';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import { DataSource, type EntityManager } from 'typeorm';

/** Where a contact recorded in another service came from. */
export type ContactSource = 'appointment-attended' | 'social-prescription-accepted' | 'measure-recorded';

/**
 * Contacts with a person that other services report (hazard H-RT2): retention's last contact is the latest of what
 * this service records and these. Keeps only the latest instant per person and source, so a redelivered or
 * out-of-order message changes nothing (`greatest`); no personal data, ids and instants only.
 */
@Injectable()
export class PatientContacts {
  private readonly table: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = qualifiedTable(readModelSchema(dataSource), 'patient_contacts');
  }

  /** `runner`: a consumer's inbox transaction, so that the contact and the message id commit together. */
  async record(patientSubjectId: string, source: ContactSource, at: string, runner: DataSource | EntityManager = this.dataSource): Promise<void> {
    await runner.query(
      `INSERT INTO ${this.table} (patient_subject_id, source, last_contact_at) VALUES ($1, $2, $3)
       ON CONFLICT (patient_subject_id, source) DO UPDATE SET last_contact_at = greatest(${this.table}.last_contact_at, EXCLUDED.last_contact_at)`,
      [patientSubjectId, source, at],
    );
  }
}
