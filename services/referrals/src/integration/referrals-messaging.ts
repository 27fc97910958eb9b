import type { ModuleMetadata } from '@nestjs/common';
import type { ServiceMessagingOptions } from '@stepwell/messaging';
import type { ReferralsConfig } from '../config';
import { mapReferralEvent, REFERRAL_CATEGORY } from './referral-events.mapping';

/**
 * How the referrals service takes part in messaging: it publishes its referral events and consumes nothing yet.
 * `imports` are the modules of its read-model database and event store.
 */
export function referralsMessaging(config: ReferralsConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'referrals',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    // Its referral events, published as the referrals v1 contracts on stepwell.referrals.events.
    relay: { categories: [REFERRAL_CATEGORY], map: mapReferralEvent },
    imports,
  };
}
