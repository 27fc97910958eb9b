import type { ModuleMetadata } from '@nestjs/common';
import { int } from '@stepwell/config';
import type { RecordedEvent } from '@stepwell/event-store';
import type { IntegrationEvent, RetryPolicy } from '../transport.port';

/** What a service relays from its own event store: its stream categories and how its events map to contracts. */
export interface ServiceRelayOptions {
  /** The service's own stream categories, e.g. `['referral']` for streams `referral-<id>`. */
  categories: readonly string[];
  map(event: RecordedEvent): readonly IntegrationEvent[];
}

export interface ServiceMessagingOptions {
  /** The service's name: its topic (`topicFor`), dead-letter topic, consumer group and Kafka client id. */
  service: string;
  /** The service's PostgreSQL database: the PostgreSQL transport's log lives there when no broker is given. */
  databaseUrl: string;
  /** Kafka bootstrap brokers (`KAFKA_BROKERS`); absent or empty → the PostgreSQL transport. */
  kafkaBrokers?: readonly string[] | undefined;
  /** Partitions of the topics this service creates (`KAFKA_TOPIC_PARTITIONS`). */
  partitions: number;
  relay?: ServiceRelayOptions;
  /** Producing services whose topics this service consumes, e.g. `['referrals']`. */
  consumes?: readonly string[];
  retry?: RetryPolicy;
  /**
   * Modules that provide the read-model `DataSource` (dead letters, inbox) and, when relaying, `EVENT_STORE`.
   * Pass the same module objects the service imports, so that it keeps one pool and one store.
   */
  imports: NonNullable<ModuleMetadata['imports']>;
}

/** Nest token of the validated options. */
export const SERVICE_MESSAGING_OPTIONS = Symbol('stepwell.serviceMessagingOptions');
/** Nest token of the service's `MessageTransport` (Kafka or PostgreSQL). */
export const MESSAGE_TRANSPORT = Symbol('stepwell.messageTransport');

export const DEFAULT_TOPIC_PARTITIONS = 3;

/** The messaging variables a service reads beside `commonVariables` (which holds `KAFKA_BROKERS`). */
export function messagingVariables() {
  return {
    // Partitions bound how many members of a consumer group work at once; they cannot be reduced later.
    KAFKA_TOPIC_PARTITIONS: int({ default: DEFAULT_TOPIC_PARTITIONS, min: 1, max: 1000 }),
  };
}

/** Options that make no sense are a start-up error, not a broker error later. */
export class ServiceMessagingOptionsError extends Error {
  readonly code = 'SERVICE_MESSAGING_OPTIONS_INVALID' as const;

  constructor(message: string) {
    super(message);
    this.name = 'ServiceMessagingOptionsError';
  }
}

const SERVICE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export function validateServiceMessagingOptions(options: ServiceMessagingOptions): ServiceMessagingOptions {
  if (!SERVICE_NAME.test(options.service)) {
    throw new ServiceMessagingOptionsError(`service must be a lower-case name, got "${options.service}"`);
  }
  if (!Number.isInteger(options.partitions) || options.partitions < 1) {
    throw new ServiceMessagingOptionsError('partitions must be a positive integer');
  }
  for (const producer of options.consumes ?? []) {
    if (!SERVICE_NAME.test(producer)) throw new ServiceMessagingOptionsError(`consumes: "${producer}" is not a service name`);
    if (producer === options.service) throw new ServiceMessagingOptionsError('a service does not consume its own topic');
  }
  if (options.relay && options.relay.categories.length === 0) {
    throw new ServiceMessagingOptionsError('relay.categories must name at least one stream category');
  }
  return options;
}
