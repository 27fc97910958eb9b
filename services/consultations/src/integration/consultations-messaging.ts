import type { ModuleMetadata } from '@nestjs/common';
import { kafkaSecurityFrom, type ServiceMessagingOptions } from '@stepwell/service-host';
import type { ConsultationsConfig } from '../config';
import { mapConsultationsEvent, PUBLISHED_CATEGORIES } from './consultations-events.mapping';

/**
 * How the consultations service takes part in messaging: its relay publishes the consultations v1 contracts
 * (requested, answered, referral requested, step change proposed) from the committed log, and consumes referrals'
 * (national data opt-out changes, episodes' providers, flagged care threads) and outcomes' (measures, episodes not on
 * track): offers of consultation.
 * `imports` are the modules of its read-model database and event store.
 */
export function consultationsMessaging(config: ConsultationsConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'consultations',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityFrom(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    relay: { categories: [...PUBLISHED_CATEGORIES], map: mapConsultationsEvent },
    consumes: ['referrals', 'outcomes'],
    imports,
  };
}
