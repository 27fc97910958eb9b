import type { EventStore, SubscriptionLag } from '../event-store.port';
import { NotSupportedError } from '../errors';

/** The lag of a subscription, for adapters that keep checkpoints where they can be inspected (both of ours do). */
export function subscriptionLag(store: EventStore, subscriptionId: string): Promise<SubscriptionLag> {
  if (!store.subscriptionLag) throw new NotSupportedError('subscriptionLag');
  return store.subscriptionLag(subscriptionId);
}
