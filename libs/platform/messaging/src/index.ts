// The public surface of @stepwell/messaging: only what code outside the library uses (its benchmark included:
// bench/messaging.bench.mjs imports the built transports, the wire format and the relay).
export { encodeIntegrationEvent } from './envelope/wire-format';
export { createKafkaTransport } from './kafka/kafka-transport';
export { createPostgresTransport } from './postgres/postgres-transport';
export { startRelay } from './relay/relay';
export { createIntegrationEvent, type IntegrationEventContext } from './envelope/integration-event';
export { deterministicMessageId, uuidV5 } from './envelope/message-ids';
export { CreateMessagingTables1763700000000 } from './inbox/messaging-tables.migration';
export { processOnce } from './inbox/process-once';
export { OnIntegrationEvent } from './nest/on-integration-event.decorator';
export { MessagingHealthIndicator } from './service/messaging-health.indicator';
export { ServiceMessagingModule } from './service/service-messaging.module';
export {
  kafkaSecurityFrom,
  messagingVariables,
  MESSAGE_TRANSPORT,
  type ServiceMessagingOptions,
} from './service/service-messaging.options';
export { startServiceConsumers } from './service/start-service-consumers';
export { type IntegrationEvent, type MessageTransport, topicFor } from './transport.port';
