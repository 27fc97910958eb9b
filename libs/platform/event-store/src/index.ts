export * from './event-store.port';
export * from './errors';
export { canonicalJson } from './hash/canonical-json';
export { GENESIS_HASH, chainBodyParts, chainHash, type ChainedContent } from './hash/hash-chain';
export { verifyLinks, type StoredLink, type StreamHead } from './hash/verify-chain';
export { withEventCodec, type EventCodec } from './codec/event-codec';
export { subscriptionLag } from './subscription/subscription-lag';
export {
  createPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres/postgres-event-store';
export { migrateEventStore, type MigrationReport } from './postgres/migrate-event-store';
export { DEFAULT_SCHEMA as DEFAULT_EVENT_STORE_SCHEMA } from './postgres/postgres-schema';
export {
  createEventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './eventstoredb/eventstoredb-event-store';
export * from './nest';
