import type { EventStore } from '@stepwell/event-store';

/**
 * For tests of routes that must never reach the event store (authentication, roles): any call fails the test
 * loudly. Tests of auditing use the real PostgreSQL store instead.
 */
export function unusedEventStore(): EventStore {
  const refuse = (): never => {
    throw new Error('This test must not touch the event store');
  };
  return {
    appendToStream: refuse,
    appendToStreams: refuse,
    readStream: refuse,
    readAll: refuse,
    readCategory: refuse,
    readBySubject: refuse,
    headPosition: refuse,
    subscribe: refuse,
    verifyStream: refuse,
    verifyAll: refuse,
    close: async () => undefined,
  };
}
