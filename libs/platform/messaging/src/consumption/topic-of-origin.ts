import type { ContractRegistry } from '@stepwell/contracts';
import { contractRegistry } from '@stepwell/contracts';
import type { DeliveredMessage } from '../transport.port';
import { topicFor } from '../transport.port';

/**
 * A contract arrived on a topic other than its producer's (`stepwell.<producer>.events`), or claims a source other
 * than its producer: whoever may write that topic is not the producer, so the message is not believed. Retrying
 * cannot fix it: dead-lettered at once, with this reason (types and topic names only, never payload values).
 */
export class WrongTopicError extends Error {
  readonly code = 'CONTRACT_FROM_WRONG_TOPIC' as const;
  readonly permanent = true;

  constructor(message: string) {
    super(message);
    this.name = 'WrongTopicError';
  }
}

/**
 * Why a delivered message cannot have come from its contract's producer, or null when it can. The producer is
 * the registered contract's `producer` (the type's prefix for an unregistered type, which is refused later by
 * contract validation anyway). The topic ACLs (Kafka) and per-service roles (PostgreSQL bus) make sure only the
 * producer can write its topic; this check makes sure a consumer believes a contract only from that topic.
 */
export function topicOfOriginProblem(message: DeliveredMessage, registry: ContractRegistry = contractRegistry): string | null {
  const { type, version, source } = message.event;
  const producer = registry.find(type, version)?.producer ?? type.split('.')[0] ?? '';
  const expected = topicFor(producer);
  if (message.topic !== expected) {
    return `${type} v${version} is produced by ${producer} and accepted only from ${expected}, but arrived on ${message.topic}`;
  }
  if (source !== producer) return `${type} v${version} on ${message.topic} does not name its producer ${producer} as its source`;
  return null;
}

/** Throws `WrongTopicError` unless the message came from its contract's producer's topic. */
export function assertTopicOfOrigin(message: DeliveredMessage, registry: ContractRegistry = contractRegistry): void {
  const problem = topicOfOriginProblem(message, registry);
  if (problem) throw new WrongTopicError(problem);
}
