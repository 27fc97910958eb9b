import type { ModuleMetadata } from '@nestjs/common';
import { kafkaSecurityFrom, type ServiceMessagingOptions } from '@stepwell/service-host';
import type { SchedulingConfig } from '../config';
import { mapSchedulingEvent, PUBLISHED_CATEGORIES } from './scheduling-events.mapping';

/**
 * How the scheduling service takes part in messaging: it publishes its appointment and engagement events as the
 * scheduling v1 contracts and consumes the referrals service's events.
 * `imports` are the modules of its read-model database and event store.
 */
export function schedulingMessaging(config: SchedulingConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'scheduling',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityFrom(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    relay: { categories: [...PUBLISHED_CATEGORIES], map: mapSchedulingEvent },
    // Referral events keep referral_intake and the waiting list (see referrals.consumer.ts).
    consumes: ['referrals'],
    imports,
  };
}
