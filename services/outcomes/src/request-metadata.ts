import type { Actor, EventMetadata } from '@stepwell/event-store';

/** Metadata of events caused directly by an HTTP request, with the verified actor and the patient (the Kafka key). */
export function requestMetadata(
  correlationId: string,
  occurredAt: string,
  actor: Actor,
  patientSubjectId: string,
): Omit<EventMetadata, 'schemaVersion'> {
  return { occurredAt, correlationId, causationId: null, actor, patientSubjectId };
}
