import type { ModuleMetadata } from '@nestjs/common';
import { kafkaSecurityFrom, type ServiceMessagingOptions } from '@stepwell/service-host';
import type { ReferralsConfig } from '../config';
import { mapReferralsEvent, RELAYED_CATEGORIES } from '../shared/referral-events.mapping';

/**
 * How the referrals service takes part in messaging: it publishes its referral and care-episode events, and
 * consumes scheduling's (a first treatment appointment stops an episode's waiting clock) and consultations' (known
 * consultations, referral requests, step-change proposals: issue 16 item 5; a consultation taking the person on) and
 * the directory's (a social prescription accepted: issue 18, gap watch), the outcomes service's (a measure recorded is
 * a contact for retention, H-RT2) and every key-holding service's confirmation of an erasure (issue 15 item 2).
 * `imports` are the modules of its read-model database and event store.
 */
export function referralsMessaging(config: ReferralsConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'referrals',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityFrom(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    // Published as the referrals v1 contracts on stepwell.referrals.events, keyed by patient subject id.
    relay: { categories: RELAYED_CATEGORIES, map: mapReferralsEvent },
    consumes: ['scheduling', 'consultations', 'directory', 'outcomes'],
    imports,
  };
}
