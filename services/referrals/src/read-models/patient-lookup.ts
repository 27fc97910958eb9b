import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import type { RecordedEvent } from '@stepwell/event-store';
import type { EntityManager } from 'typeorm';
import type { NhsNumber } from '../domain/patient-identity';
import {
  PATIENT_CATEGORY,
  patientKeyStreamId,
  type PatientKeyLinked,
  type PatientMergeDecision,
  type PatientNhsNumberLinked,
  type PatientRegistered,
} from '../domain/patient-index/patient.events';

/**
 * The patient index's lookup read model (tables `patient_lookup` and `patient_lookup_keys`), projected from the
 * `patient-…` streams in the referrals projection's transaction:
 * - `patient_lookup_keys`: which records each match key finds (a `PatientKeyLinked` in the key's stream);
 * - `patient_lookup`: per record, the key of the NHS number it holds (registered with, or linked later — the first
 *   one, as the index always read it), the key of its demographics, and the record it is merged into.
 * Keys are the hashed key-stream names (`patientKeyStreamId`): no NHS number, name, birth date or postcode is kept.
 * The streams stay the authority; the index writes create-once key streams, so two requests cannot both take one
 * NHS number however far this table lags.
 */
const KEY_STREAM_PREFIX = `${PATIENT_CATEGORY}-key-`;

const tablesOf = (manager: EntityManager) => {
  const schema = readModelSchema(manager);
  return { records: qualifiedTable(schema, 'patient_lookup'), keys: qualifiedTable(schema, 'patient_lookup_keys') };
};

const nhsKeyOf = (nhsNumber: string): string => patientKeyStreamId({ kind: 'nhs-number', value: nhsNumber as NhsNumber });

/** Which record a match key finds, from a `PatientKeyLinked` in the key's stream. */
export interface PatientKeyLink {
  matchKey: string;
  patientSubjectId: string;
}

/**
 * Applies one event of a `patient-…` stream. A key stream's `PatientKeyLinked` is not written here but added to
 * `keyLinks`, which the caller writes once for its page (`insertPatientKeyLinks`): nothing in a page reads the keys.
 */
export async function applyPatientLookupEvent(manager: EntityManager, event: RecordedEvent, keyLinks: PatientKeyLink[]): Promise<void> {
  const { records } = tablesOf(manager);
  if (event.streamId.startsWith(KEY_STREAM_PREFIX)) {
    if (event.type !== 'PatientKeyLinked') return;
    keyLinks.push({ matchKey: event.streamId, patientSubjectId: (event.data as PatientKeyLinked['data']).patientSubjectId });
    return;
  }
  switch (event.type) {
    case 'PatientRegistered': {
      const data = event.data as PatientRegistered['data'];
      await manager.query(
        `INSERT INTO ${records} AS r (patient_subject_id, nhs_key, demographic_key) VALUES ($1, $2, $3)
           ON CONFLICT (patient_subject_id) DO UPDATE SET nhs_key = coalesce(excluded.nhs_key, r.nhs_key), demographic_key = excluded.demographic_key`,
        [
          data.patientSubjectId,
          data.nhsNumber ? nhsKeyOf(data.nhsNumber) : null,
          patientKeyStreamId({ kind: 'demographics', value: data.demographicKey }),
        ],
      );
      return;
    }
    case 'PatientNhsNumberLinked': {
      const data = event.data as PatientNhsNumberLinked['data'];
      await manager.query(`UPDATE ${records} SET nhs_key = coalesce(nhs_key, $2) WHERE patient_subject_id = $1`, [data.patientSubjectId, nhsKeyOf(data.nhsNumber)]);
      return;
    }
    case 'PatientMerged':
    case 'PatientUnmerged': {
      const data = event.data as PatientMergeDecision;
      await manager.query(`UPDATE ${records} SET merged_into = $2 WHERE patient_subject_id = $1`, [
        data.duplicateSubjectId,
        event.type === 'PatientMerged' ? data.survivorSubjectId : null,
      ]);
      return;
    }
    default:
      return;
  }
}

/** The key links of a page in one statement (issue 14: one per link before); a link already known is kept. */
export async function insertPatientKeyLinks(manager: EntityManager, keyLinks: readonly PatientKeyLink[]): Promise<void> {
  if (keyLinks.length === 0) return;
  await manager.query(
    `INSERT INTO ${tablesOf(manager).keys} (match_key, patient_subject_id)
     SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING`,
    [keyLinks.map((link) => link.matchKey), keyLinks.map((link) => link.patientSubjectId)],
  );
}

export async function resetPatientLookup(manager: EntityManager): Promise<void> {
  const { records, keys } = tablesOf(manager);
  await manager.query(`DELETE FROM ${keys}`);
  await manager.query(`DELETE FROM ${records}`);
}
