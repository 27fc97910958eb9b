import type { ModuleMetadata } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { int, oneOf, str } from '@stepwell/config';
import type { Env } from '@stepwell/config';
import type { KafkaSecurity, IntegrationEvent, RetryPolicy } from '@stepwell/messaging';
import type { RecordedEvent } from '@stepwell/event-store';

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
  /** SASL/SCRAM credentials and TLS for Kafka (`kafkaSecurityFrom(config)`); absent → plaintext, no SASL. */
  kafkaSecurity?: KafkaSecurity | undefined;
  /** Partitions of the topics this service creates (`KAFKA_TOPIC_PARTITIONS`). */
  partitions: number;
  relay?: ServiceRelayOptions;
  /** Producing services whose topics this service consumes, e.g. `['referrals']`. */
  consumes?: readonly string[];
  /**
   * Producing services whose topics this service reads only as a witness of their transparency logs (issue 19
   * point 2, docs/audit.md): their `<producer>.tree-head-signed` heads reach its handlers; their other events are
   * ignored and grant no care relationship (only `consumes` does). Producers also in `consumes` are read once.
   */
  witnesses?: readonly string[];
  retry?: RetryPolicy;
  /**
   * Modules that provide the read-model `DataSource` (dead letters, inbox) and, when relaying, `EVENT_STORE`.
   * Pass the same module objects the service imports, so that it keeps one pool and one store.
   */
  imports: NonNullable<ModuleMetadata['imports']>;
}

/** Nest token of the validated options. */
export const SERVICE_MESSAGING_OPTIONS = Symbol('stepwell.serviceMessagingOptions');
export const DEFAULT_TOPIC_PARTITIONS = 3;

export const KAFKA_SASL_MECHANISMS = ['scram-sha-256', 'scram-sha-512'] as const;

const kafkaConfigured = (env: Env) => (env['KAFKA_BROKERS']?.trim() ?? '') !== '';
const saslConfigured = (env: Env) => (env['KAFKA_SASL_MECHANISM']?.trim() ?? '') !== '';
const production = (env: Env) => env['NODE_ENV']?.trim() === 'production';

/**
 * The messaging variables a service reads beside `commonVariables` (which holds `KAFKA_BROKERS`):
 * - `KAFKA_SASL_MECHANISM` (`scram-sha-256` | `scram-sha-512`), `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD`: the
 *   service's own broker user. Required with `NODE_ENV=production` when `KAFKA_BROKERS` is set: a production
 *   service never talks to an unauthenticated bus (the broker's ACLs then let it write only its own topic);
 * - `KAFKA_SSL` (`true` | `false`): TLS to the brokers. With `NODE_ENV=production` and Kafka it must be stated
 *   (`false` only where the network itself is private, e.g. the compose network);
 * - `KAFKA_SSL_CA`: path of a PEM file of the CA(s) that signed the brokers' certificates (default: Node's CAs);
 *   needs `KAFKA_SSL=true`. Certificates are always verified.
 */
export function messagingVariables() {
  return {
    // Partitions bound how many members of a consumer group work at once; they cannot be reduced later.
    KAFKA_TOPIC_PARTITIONS: int({ default: DEFAULT_TOPIC_PARTITIONS, min: 1, max: 1000 }),
    KAFKA_SASL_MECHANISM: oneOf(KAFKA_SASL_MECHANISMS, {
      requiredWhen: {
        test: (env) => production(env) && kafkaConfigured(env),
        because: 'NODE_ENV is production and KAFKA_BROKERS is set (the bus must be authenticated)',
      },
    }),
    KAFKA_SASL_USERNAME: str({ requiredWhen: { test: saslConfigured, because: 'KAFKA_SASL_MECHANISM is set' } }),
    KAFKA_SASL_PASSWORD: str({ requiredWhen: { test: saslConfigured, because: 'KAFKA_SASL_MECHANISM is set' } }),
    KAFKA_SSL: oneOf(['true', 'false'] as const, {
      requiredWhen: {
        test: (env) => (production(env) && kafkaConfigured(env)) || (env['KAFKA_SSL_CA']?.trim() ?? '') !== '',
        because: 'NODE_ENV is production and KAFKA_BROKERS is set, or KAFKA_SSL_CA is set (say whether TLS is used)',
      },
    }),
    KAFKA_SSL_CA: str({ optional: true }),
  };
}

/** The validated messaging variables `kafkaSecurityFrom` reads. */
export interface KafkaSecurityVariables {
  KAFKA_SASL_MECHANISM?: (typeof KAFKA_SASL_MECHANISMS)[number] | undefined;
  KAFKA_SASL_USERNAME?: string | undefined;
  KAFKA_SASL_PASSWORD?: string | undefined;
  KAFKA_SSL?: 'true' | 'false' | undefined;
  KAFKA_SSL_CA?: string | undefined;
}

/**
 * The Kafka client's SASL and TLS settings from the validated variables; reads the CA file. Throws
 * `ServiceMessagingOptionsError` (a start-up error naming the variable, never its value) when they disagree or the
 * CA file cannot be read.
 */
export function kafkaSecurityFrom(config: KafkaSecurityVariables, readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): KafkaSecurity {
  const security: KafkaSecurity = {};
  if (config.KAFKA_SASL_MECHANISM) {
    if (!config.KAFKA_SASL_USERNAME || !config.KAFKA_SASL_PASSWORD) {
      throw new ServiceMessagingOptionsError('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SASL_MECHANISM');
    }
    security.sasl = { mechanism: config.KAFKA_SASL_MECHANISM, username: config.KAFKA_SASL_USERNAME, password: config.KAFKA_SASL_PASSWORD };
  } else if (config.KAFKA_SASL_USERNAME || config.KAFKA_SASL_PASSWORD) {
    throw new ServiceMessagingOptionsError('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD are set but KAFKA_SASL_MECHANISM is not');
  }
  if (config.KAFKA_SSL_CA && config.KAFKA_SSL !== 'true') throw new ServiceMessagingOptionsError('KAFKA_SSL_CA needs KAFKA_SSL=true');
  if (config.KAFKA_SSL === 'true') {
    if (config.KAFKA_SSL_CA) {
      let ca: string;
      try {
        ca = readFile(config.KAFKA_SSL_CA);
      } catch {
        throw new ServiceMessagingOptionsError('KAFKA_SSL_CA names a file that cannot be read');
      }
      if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new ServiceMessagingOptionsError('KAFKA_SSL_CA is not a PEM certificate file');
      security.ssl = { ca: [ca] };
    } else {
      security.ssl = {};
    }
  }
  return security;
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
  for (const producer of options.witnesses ?? []) {
    if (!SERVICE_NAME.test(producer)) throw new ServiceMessagingOptionsError(`witnesses: "${producer}" is not a service name`);
    if (producer === options.service) throw new ServiceMessagingOptionsError('a service does not witness its own log');
  }
  if (options.relay && options.relay.categories.length === 0) {
    throw new ServiceMessagingOptionsError('relay.categories must name at least one stream category');
  }
  return options;
}
