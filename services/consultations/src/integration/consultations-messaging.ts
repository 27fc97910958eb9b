import type { ModuleMetadata } from '@nestjs/common';
import { kafkaSecurityFrom, type ServiceMessagingOptions } from '@stepwell/messaging';
import type { ConsultationsConfig } from '../config';

/**
 * How the consultations service takes part in messaging: it publishes nothing and consumes nothing yet: it has its topics, dead-letter ops and metrics ready.
 * `imports` are the modules of its read-model database and event store.
 */
export function consultationsMessaging(config: ConsultationsConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'consultations',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityFrom(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    imports,
  };
}
