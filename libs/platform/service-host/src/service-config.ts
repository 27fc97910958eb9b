import { authVariables } from '@stepwell/access';
import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';
import { messagingVariables } from './messaging/service-messaging.options';
import { personalDataVariables } from '@stepwell/personal-data';
import { transparencyVariables } from '@stepwell/transparency';

/**
 * The variables every service reads: the shared ones (see commonVariables for the port scheme) and the
 * authentication ones (AUTH_*, STEPWELL_DATA_DIR; rules in @stepwell/access) and KAFKA_TOPIC_PARTITIONS (default 3),
 * the partitions of the topics it creates (with KAFKA_BROKERS from the shared ones: unset, the PostgreSQL transport),
 * and the key-encryption key of its personal-data keys (DATA_KEY_ENCRYPTION_KEY*, rules in @stepwell/personal-data).
 * Only the default port differs between services. The transparency log's signing key and heads folder
 * (AUDIT_SIGNING_KEY, AUDIT_HEADS_DIR; rules in @stepwell/transparency) come last.
 */
export function serviceVariables(defaultPort: number) {
  return { ...commonVariables(defaultPort), ...authVariables(), ...messagingVariables(), ...personalDataVariables(), ...transparencyVariables() };
}

export type ServiceConfig = ConfigOf<ReturnType<typeof serviceVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadServiceConfig(defaultPort: number, env: Env = process.env): ServiceConfig {
  return loadConfig(serviceVariables(defaultPort), env);
}
