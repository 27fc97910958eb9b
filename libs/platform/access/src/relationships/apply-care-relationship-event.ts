import type { EntityManager } from 'typeorm';
import { CARE_RELATIONSHIP_REASONS, type CareRelationshipEvent } from './care-relationship-event';
import { CareRelationshipEntity } from './care-relationship.entity';
import { careRelationshipsFromIntegrationEvent, type RelationshipBearingMessage } from './from-integration-events';
import { applySharingConsent } from './sharing-consent';

export interface CareRelationshipApplyResult {
  /** Participants recorded or confirmed. */
  recorded: number;
  /** Participants skipped, with why: a projection never rejects a fact, it notes the oddity and moves on. */
  skipped: Array<{ organisationId: string; why: string }>;
}

function tableOf(manager: EntityManager): string {
  const metadata = manager.connection.getMetadata(CareRelationshipEntity);
  const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
  return metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName);
}

/**
 * Folds one relationship-bearing event into the projection. Idempotent and order-independent: applying the
 * same event again, or an older event later, leaves `since` at the earliest known time. Run it inside the
 * consumer's transaction (pass its manager) so the relationship and the message's dedupe record commit together.
 */
export async function applyCareRelationshipEvent(
  manager: EntityManager,
  event: CareRelationshipEvent,
): Promise<CareRelationshipApplyResult> {
  const skipped: CareRelationshipApplyResult['skipped'] = [];
  const occurredAt = new Date(event.occurredAt);
  if (!event.patientSubjectId || Number.isNaN(occurredAt.getTime())) {
    return {
      recorded: 0,
      skipped: event.participants.map((p) => ({ organisationId: p.organisationId, why: 'event lacks a patient or a valid time' })),
    };
  }
  const table = tableOf(manager);
  let recorded = 0;
  for (const participant of event.participants) {
    if (!participant.organisationId) {
      skipped.push({ organisationId: participant.organisationId, why: 'no organisation id' });
      continue;
    }
    if (!(CARE_RELATIONSHIP_REASONS as readonly string[]).includes(participant.reason)) {
      skipped.push({ organisationId: participant.organisationId, why: `unknown reason ${String(participant.reason)}` });
      continue;
    }
    const scope = participant.scope ?? '';
    // Unverified (hazard H-A1) when the event says so, or when it rests on a scope that still has an unverified row.
    const verified = participant.unverified
      ? 'false'
      : participant.identityOf
        ? `NOT EXISTS (SELECT 1 FROM ${table} u WHERE u."patient_subject_id" = $1 AND u."scope" = $8 AND NOT u."identity_verified")`
        : 'true';
    const params = [event.patientSubjectId, participant.organisationId, participant.reason, scope, occurredAt, event.eventId, event.eventType];
    if (!participant.unverified && participant.identityOf) params.push(participant.identityOf);
    if (participant.ends) {
      // An end: the relationship exists from whenever it began (insert it ended if the start was never seen).
      await manager.query(
        `INSERT INTO ${table} ("patient_subject_id", "organisation_id", "reason", "scope", "since", "ended_at", "source_event_id", "source_event_type", "identity_verified")
         VALUES ($1, $2, $3, $4, $5, $5, $6, $7, ${verified})
         ON CONFLICT ("patient_subject_id", "organisation_id", "reason", "scope") DO UPDATE
           SET "ended_at" = EXCLUDED."ended_at"
           WHERE ${table}."ended_at" IS NULL OR ${table}."ended_at" < EXCLUDED."ended_at"`,
        params,
      );
    } else {
      // A start: keeps the earliest `since`; a start after an end (the organisation provides the episode again)
      // reopens it, while re-applying the original start leaves the end in place. A row's verification is kept:
      // only `verifiesIdentityOf` changes it.
      await manager.query(
        `INSERT INTO ${table} ("patient_subject_id", "organisation_id", "reason", "scope", "since", "source_event_id", "source_event_type", "identity_verified")
         VALUES ($1, $2, $3, $4, $5, $6, $7, ${verified})
         ON CONFLICT ("patient_subject_id", "organisation_id", "reason", "scope") DO UPDATE
           SET "since" = LEAST(${table}."since", EXCLUDED."since"),
               "ended_at" = CASE WHEN ${table}."ended_at" IS NOT NULL AND EXCLUDED."since" >= ${table}."ended_at" THEN NULL ELSE ${table}."ended_at" END,
               "source_event_id" = CASE WHEN EXCLUDED."since" < ${table}."since" THEN EXCLUDED."source_event_id" ELSE ${table}."source_event_id" END,
               "source_event_type" = CASE WHEN EXCLUDED."since" < ${table}."since" THEN EXCLUDED."source_event_type" ELSE ${table}."source_event_type" END`,
        params,
      );
    }
    recorded += 1;
  }
  if (event.verifiesIdentityOf && event.verifiesIdentityOf.length > 0) {
    // Idempotent: a verified row stays verified.
    await manager.query(`UPDATE ${table} SET "identity_verified" = true WHERE "patient_subject_id" = $1 AND "scope" = ANY($2) AND NOT "identity_verified"`, [
      event.patientSubjectId,
      [...event.verifiesIdentityOf],
    ]);
  }
  if (event.sharingConsent) await applySharingConsent(manager, event.patientSubjectId, event.sharingConsent, event.eventId);
  return { recorded, skipped };
}

/**
 * Applies what one integration event says about care relationships (`careRelationshipsFromIntegrationEvent`), in the
 * caller's transaction: the one way a service turns a consumed or own event into relationship rows, so every
 * service holds the same scoped, verified-or-not rows (hazard H-A1). False when the event bears none.
 */
export async function applyCareRelationshipsOfMessage(manager: EntityManager, message: RelationshipBearingMessage): Promise<boolean> {
  const relationship = careRelationshipsFromIntegrationEvent(message);
  if (!relationship) return false;
  await applyCareRelationshipEvent(manager, relationship);
  return true;
}
