// The public surface of @stepwell/event-store: only what code outside the library uses.
export { EventIdConflictError, WrongExpectedRevisionError } from './errors';
export { withEventCodec, type EventCodec } from './codec/event-codec';
export {
  type Actor,
  type AppendResult,
  categoryOf,
  type CheckpointStore,
  type EventMetadata,
  type EventStore,
  type MultiStreamAppendResult,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
  type Subscription,
  type SubscribeOptions,
} from './event-store.port';
export { EventStoreHealthIndicator } from './nest/event-store-health.indicator';
export { EVENT_STORE, type EventStoreModuleOptions, eventStoreOptionsFrom } from './nest/event-store-options';
export { EventStoreModule } from './nest/event-store.module';
export { openEventStore } from './nest/open-event-store';
export { migrateEventStore } from './postgres/migrate-event-store';
export { createPostgresEventStore, type PostgresEventStore } from './postgres/postgres-event-store';
export { DEFAULT_SCHEMA as DEFAULT_EVENT_STORE_SCHEMA } from './postgres/postgres-schema';
export { subscriptionLag } from './subscription/subscription-lag';
// Canonical bytes and the chain hash, for the transparency log (@stepwell/transparency) and its offline verifier.
export { canonicalJson } from './hash/canonical-json';
export { chainHash, GENESIS_HASH } from './hash/hash-chain';
