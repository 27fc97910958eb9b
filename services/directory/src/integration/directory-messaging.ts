import type { ModuleMetadata } from '@nestjs/common';
import { kafkaSecurityFrom, type ServiceMessagingOptions } from '@stepwell/service-host';
import type { DirectoryConfig } from '../config';
import { mapDirectoryEvent, PUBLISHED_CATEGORIES } from './social-prescription-events.mapping';

/**
 * How the directory service takes part in messaging: it publishes its social prescriptions as the directory v1
 * contracts (from the committed log, through the relay; ids and codes only), and consumes the referrals topic for the
 * national data opt-out only (its listing statistics leave opted-out people out, issue 15 item 5).
 * `imports` are the modules of its read-model database and event store.
 */
export function directoryMessaging(config: DirectoryConfig, imports: NonNullable<ModuleMetadata['imports']>): ServiceMessagingOptions {
  return {
    service: 'directory',
    databaseUrl: config.DATABASE_URL,
    kafkaBrokers: config.KAFKA_BROKERS,
    kafkaSecurity: kafkaSecurityFrom(config),
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    relay: { categories: [...PUBLISHED_CATEGORIES], map: mapDirectoryEvent },
    consumes: ['referrals'],
    imports,
  };
}
