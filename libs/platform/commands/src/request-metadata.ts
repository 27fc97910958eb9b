import type { Actor, EventMetadata } from '@stepwell/event-store';

/**
 * Metadata of events caused directly by an HTTP request (no causing message): the verified actor and, where the
 * events concern a patient, the patient's opaque subject id (the Kafka key; never an NHS number or a name).
 */
export function requestMetadata(
  correlationId: string,
  occurredAt: string,
  actor: Actor,
  patientSubjectId?: string,
): Omit<EventMetadata, 'schemaVersion'> {
  return { occurredAt, correlationId, causationId: null, actor, ...(patientSubjectId === undefined ? {} : { patientSubjectId }) };
}
