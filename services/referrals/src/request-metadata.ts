import type { Actor, EventMetadata } from '@stepwell/event-store';

/**
 * Placeholder until @stepwell/access verifies tokens on these endpoints: events must say who acted, and saying
 * "unauthenticated" is honest, where a made-up user would not be. Replace with the request's verified principal.
 */
export const UNAUTHENTICATED_ACTOR: Actor = { userId: 'unauthenticated', organisationId: 'unknown', role: 'unauthenticated' };

/** Metadata of events caused directly by an HTTP request (no causing message). */
export function requestMetadata(correlationId: string, occurredAt: string): Omit<EventMetadata, 'schemaVersion'> {
  return { occurredAt, correlationId, causationId: null, actor: UNAUTHENTICATED_ACTOR };
}
