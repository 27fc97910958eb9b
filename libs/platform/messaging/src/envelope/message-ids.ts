import { deterministicUuid } from '@stepwell/decider';

/** Namespace of Stepwell's name-based (v5) UUIDs for integration messages. Fixed for ever: ids depend on it. */
export const STEPWELL_MESSAGE_NAMESPACE = '5b0e7c1a-3f2d-4c8e-9d61-7a4b2e9f0c35';

/** RFC 9562 UUID version 5 (SHA-1, name-based) in the messages' namespace: the decider library's one implementation. */
export function uuidV5(name: string, namespace: string = STEPWELL_MESSAGE_NAMESPACE): string {
  return deterministicUuid(name, namespace);
}

/**
 * The message id of the `n`th integration event a relay derives from one domain event: a re-publication after a
 * crash carries the same id, so consumers' inboxes absorb it.
 */
export function deterministicMessageId(domainEventId: string, n = 0): string {
  return uuidV5(`relay:${domainEventId}:${n}`);
}

/**
 * The id of the `n`th event a consumer appends because of message `messageId`: re-handling a redelivered
 * message re-appends the same ids, which the event store absorbs (idempotent re-append by event id). The
 * alternative to an inbox for consumers whose only effect is an event-store append.
 */
export function deterministicEventId(messageId: string, n = 0): string {
  return uuidV5(`consume:${messageId}:${n}`);
}
