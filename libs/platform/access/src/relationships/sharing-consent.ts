import { qualifiedTable, schemaOf } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { organisationParty, organisationTypeParty, type SharingConsentChange } from './care-relationship-event';

/** `sharing_consent` in the service's schema (beside its `care_relationship`). */
const tableOf = (manager: EntityManager): string => qualifiedTable(schemaOf(manager), 'sharing_consent');

/**
 * Keeps one change of the person's consent to share with a party (issue 15 item 5). The latest change by its own
 * time wins, whatever order the changes arrive in; a redelivery changes nothing.
 */
export async function applySharingConsent(manager: EntityManager, patientSubjectId: string, change: SharingConsentChange, sourceEventId: string): Promise<void> {
  const table = tableOf(manager);
  await manager.query(
    `INSERT INTO ${table} ("patient_subject_id", "party", "consented", "changed_at", "source_event_id")
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("patient_subject_id", "party") DO UPDATE
       SET "consented" = EXCLUDED."consented", "changed_at" = EXCLUDED."changed_at", "source_event_id" = EXCLUDED."source_event_id"
       WHERE ${table}."changed_at" < EXCLUDED."changed_at"`,
    [patientSubjectId, change.party, change.consented, new Date(change.changedAt), sourceEventId],
  );
}

/**
 * Whether the person has withdrawn consent to share with the organisation: its own entry decides where there is
 * one (a person may refuse voluntary-sector organisations but agree to one of them), else its type's entry; no
 * entry is no withdrawal (the referral itself carried the person's consent to share it with the services involved).
 */
export async function sharingWithdrawn(manager: EntityManager, patientSubjectId: string, organisationId: string, organisationType: string | null): Promise<boolean> {
  const parties = [organisationParty(organisationId), ...(organisationType ? [organisationTypeParty(organisationType)] : [])];
  const rows = (await manager.query(`SELECT "party", "consented" FROM ${tableOf(manager)} WHERE "patient_subject_id" = $1 AND "party" = ANY($2)`, [
    patientSubjectId,
    parties,
  ])) as Array<{ party: string; consented: boolean }>;
  const own = rows.find((row) => row.party === parties[0]);
  if (own) return !own.consented;
  return rows.some((row) => !row.consented);
}
