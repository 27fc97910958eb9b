import type { ModuleMetadata } from '@nestjs/common';
import { kafkaSecurityFrom, type ServiceMessagingOptions } from '@stepwell/service-host';
import type { OutcomesConfig } from '../config';
import { mapOutcomesEvent, OUTCOMES_RELAY_CATEGORIES } from './outcomes-events.mapping';

/**
 * How the outcomes service takes part in messaging: it publishes measures, risk alerts, outcome flags and "not on
 * track" (outcomes v1 contracts on stepwell.outcomes.events), and consumes the referrals service's episode events
 * and the scheduling service's attendance (EpisodeEventsConsumer), and the directory's social prescription wellbeing
 * measures (CommunityWellbeingConsumer, issue 17). `imports` are the modules of its read-model
 * database and event store.
 */
export function outcomesMessaging(config: OutcomesConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'outcomes',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityFrom(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    relay: { categories: OUTCOMES_RELAY_CATEGORIES, map: mapOutcomesEvent },
    consumes: ['referrals', 'scheduling', 'directory'],
    imports,
  };
}
