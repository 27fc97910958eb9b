import type { Actor, EventMetadata } from '@stepwell/event-store';

/** Metadata of events caused directly by an HTTP request (no causing message), with the verified actor. */
export function requestMetadata(
  correlationId: string,
  occurredAt: string,
  actor: Actor,
  patientSubjectId?: string,
): Omit<EventMetadata, 'schemaVersion'> {
  return { occurredAt, correlationId, causationId: null, actor, ...(patientSubjectId === undefined ? {} : { patientSubjectId }) };
}
