import { applyCareRelationshipEvent, careRelationshipsFromIntegrationEvent } from '@stepwell/access';
import type { ContractRegistry } from '@stepwell/contracts';
import { contractRegistry } from '@stepwell/contracts';
import type { DataSource } from 'typeorm';
import { assertTopicOfOrigin, type ConsumerOptions, type DeliveredMessage, type MessageTransport } from '@stepwell/messaging';

/**
 * Applies the care relationships a consumed message establishes (`careRelationshipsFromIntegrationEvent` of
 * `@stepwell/access`) to the consuming service's `care_relationship` table, whether or not the service has a
 * handler for it: every service learns who takes part in a patient's care from every topic it reads. Applying is
 * idempotent, so a redelivery (or a retry of a failing handler) changes nothing. A message that breaks its
 * contract grants nothing: it is dead-lettered by the dispatch that follows.
 */
export async function applyCareRelationshipsOf(
  dataSource: DataSource,
  message: DeliveredMessage,
  registry: ContractRegistry = contractRegistry,
): Promise<boolean> {
  const relationship = careRelationshipsFromIntegrationEvent(message.event);
  if (!relationship) return false;
  if (!registry.validate(message.event).ok) return false;
  await applyCareRelationshipEvent(dataSource.manager, relationship);
  return true;
}

/**
 * The service's transport, with every consumed message's care relationships applied before it is dispatched to
 * the service's handlers. A contract that did not arrive on its producer's topic grants nothing: it is refused
 * (`WrongTopicError`, dead-lettered at once with the reason) before anything is applied. With `grantingTopics`, only
 * messages from those topics apply relationships (the others are read for another reason, e.g. witnessing a
 * producer's transparency log). Everything else is the transport itself.
 */
export function withCareRelationshipsOnConsume(transport: MessageTransport, dataSource: DataSource, grantingTopics?: readonly string[]): MessageTransport {
  const granting = grantingTopics ? new Set(grantingTopics) : null;
  const consume = (options: ConsumerOptions) =>
    transport.consume({
      ...options,
      handle: async (message) => {
        assertTopicOfOrigin(message);
        // A topic read only as a witness of its producer's heads (`witnesses`) grants nothing.
        if (!granting || granting.has(message.topic)) await applyCareRelationshipsOf(dataSource, message);
        await options.handle(message);
      },
    });
  return new Proxy(transport, {
    get(target, property) {
      if (property === 'consume') return consume;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
