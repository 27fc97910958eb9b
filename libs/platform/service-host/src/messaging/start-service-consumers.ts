import type { INestApplication, INestMicroservice } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetterStore, type DeliveredMessage, type MessageTransport, deadLetterTopicFor, topicFor, MESSAGE_TRANSPORT } from '@stepwell/messaging';
import { connectStepwellConsumer } from './consumer/connect-stepwell-consumer';
import { withCareRelationshipsOnConsume } from './care-relationships-on-consume';
import { type ServiceMessagingOptions, SERVICE_MESSAGING_OPTIONS } from './service-messaging.options';

export interface StartServiceConsumersOptions {
  /** A message no handler wanted (a newer version, an event this service ignores). Default: a debug log line. */
  onIgnored?(message: DeliveredMessage, reason: string): Promise<void> | void;
}

/**
 * Connects the service's `@OnIntegrationEvent` handlers to the topics of the producers it consumes (group =
 * service name, its dead-letter topic and table) and starts them. Call in `main.ts` after the application is
 * created and before it listens; `app.close()` stops the consumer. Returns null when the service consumes nothing.
 */
export async function startServiceConsumers(
  app: INestApplication,
  options: StartServiceConsumersOptions = {},
): Promise<INestMicroservice | null> {
  const settings = app.get<ServiceMessagingOptions>(SERVICE_MESSAGING_OPTIONS, { strict: false });
  const consumed = (settings.consumes ?? []).map(topicFor);
  // Topics read only to witness their producers' transparency logs: no care relationship is learnt from them.
  const topics = [...new Set([...consumed, ...(settings.witnesses ?? []).map(topicFor)])];
  if (topics.length === 0) return null;
  const transport = app.get<MessageTransport>(MESSAGE_TRANSPORT, { strict: false });
  const deadLetters = app.get(DeadLetterStore, { strict: false });
  const deadLetterTopic = deadLetterTopicFor(settings.service);
  // The producer may not have started yet; subscribing to a missing topic fails on Kafka (KRaft). The count
  // matters only if this service creates it first, and every service reads the same KAFKA_TOPIC_PARTITIONS.
  await transport.ensureTopics(topics, settings.partitions);
  // Relationship-bearing events (a referral received, an episode opened or moved...) grant this service's readers
  // access to the patient's records, whatever the service's own handlers do with them — from consumed topics only.
  const dataSource = app.get(DataSource, { strict: false });
  const { microservice } = connectStepwellConsumer(app, {
    transport: withCareRelationshipsOnConsume(transport, dataSource, consumed),
    groupId: settings.service,
    topics,
    deadLetterTopic,
    recordDeadLetter: deadLetters.recorder(deadLetterTopic),
    ...(settings.retry ? { retry: settings.retry } : {}),
    ...(options.onIgnored ? { onIgnored: options.onIgnored } : {}),
  });
  await app.startAllMicroservices();
  return microservice;
}
