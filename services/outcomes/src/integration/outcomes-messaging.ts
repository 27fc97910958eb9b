import type { ModuleMetadata } from '@nestjs/common';
import type { ServiceMessagingOptions } from '@stepwell/messaging';
import type { OutcomesConfig } from '../config';

/**
 * How the outcomes service takes part in messaging: it publishes nothing and consumes nothing yet: it has its topics, dead-letter ops and metrics ready.
 * `imports` are the modules of its read-model database and event store.
 */
export function outcomesMessaging(config: OutcomesConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'outcomes',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    imports,
  };
}
