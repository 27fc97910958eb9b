import type { ModuleMetadata } from '@nestjs/common';
import type { ServiceMessagingOptions } from '@stepwell/messaging';
import type { SchedulingConfig } from '../config';

/**
 * How the scheduling service takes part in messaging: it publishes nothing yet and consumes the referrals service's events.
 * `imports` are the modules of its read-model database and event store.
 */
export function schedulingMessaging(config: SchedulingConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'scheduling',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    // Referrals received and withdrawn keep referral_intake (see referrals.consumer.ts).
    consumes: ['referrals'],
    imports,
  };
}
