// The public surface of @stepwell/messaging: only what code outside the library uses (its benchmark included:
// bench/messaging.bench.mjs imports the built transports, the wire format and the relay). Framework-free: no Nest,
// no access rules; the Nest wiring (transport strategy, @OnIntegrationEvent, ServiceMessagingModule, relay leadership,
// care relationships on consume, dead-letter ops endpoints) is in @stepwell/service-host, which builds on this.
export { assertTopicOfOrigin } from './consumption/topic-of-origin';
export {
  DeadLetterNotFoundError,
  DeadLetterNotRedrivableError,
  type DeadLetterQuery,
  DeadLetterStore,
  type DeadLetterSummaryPage,
  type RedriveSummary,
  summarizeDeadLetter,
} from './dead-letters/dead-letter.store';
export { encodeIntegrationEvent } from './envelope/wire-format';
export { createKafkaTransport, type KafkaSecurity } from './kafka/kafka-transport';
export { createPostgresTransport, type PostgresTransport } from './postgres/postgres-transport';
export { type Relay, relayMetrics, type RelayStatus, startRelay } from './relay/relay';
export { createIntegrationEvent, type IntegrationEventContext } from './envelope/integration-event';
export { deterministicMessageId, uuidV5 } from './envelope/message-ids';
export { CreateMessagingTables1763700000000 } from './inbox/messaging-tables.migration';
export { migrateMessagingTables, processOnce } from './inbox/process-once';
export { integrationEventPattern } from './consumption/integration-event-pattern';
export { MESSAGE_TRANSPORT } from './message-transport.token';
export { sqlFromDataSource, sqlFromPool } from './sql/sql-executor';
export {
  type ConsumerOptions,
  type DeadLetter,
  deadLetterTopicFor,
  type DeliveredMessage,
  type IntegrationEvent,
  type MessagePublisher,
  type MessageTransport,
  type RetryPolicy,
  type RunningConsumer,
  topicFor,
} from './transport.port';
