import { createKafkaTransport, createPostgresTransport, type MessageTransport, deadLetterTopicFor, topicFor } from '@stepwell/messaging';
import type { ServiceMessagingOptions } from './service-messaging.options';

/**
 * Kafka when brokers are configured, else the PostgreSQL transport on the service's own database (its
 * `message_bus` schema, shared by every service on that database, as a broker would be). Creates the service's
 * topic and dead-letter topic before anything publishes.
 */
export async function openServiceTransport(options: ServiceMessagingOptions): Promise<MessageTransport> {
  const brokers = options.kafkaBrokers ?? [];
  const transport =
    brokers.length > 0
      ? createKafkaTransport({ brokers, clientId: options.service, ...(options.kafkaSecurity ?? {}) })
      : await createPostgresTransport({ connectionString: options.databaseUrl });
  try {
    await transport.ensureTopics([topicFor(options.service), deadLetterTopicFor(options.service)], options.partitions);
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw error;
  }
  return transport;
}
