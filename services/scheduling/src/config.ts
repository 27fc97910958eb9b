import { authVariables } from '@stepwell/access';
import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';
import { messagingVariables } from '@stepwell/messaging';

export const SCHEDULING_DEFAULT_PORT = 3002;

/**
 * The variables the scheduling service reads: the shared ones (see commonVariables for the port scheme) and the
 * authentication ones (AUTH_*, STEPWELL_DATA_DIR; rules in @stepwell/access) and KAFKA_TOPIC_PARTITIONS (default 3),
 * the partitions of the topics it creates (with KAFKA_BROKERS from the shared ones: unset, the PostgreSQL transport).
 */
export function schedulingVariables(defaultPort: number = SCHEDULING_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort), ...authVariables(), ...messagingVariables() };
}

export type SchedulingConfig = ConfigOf<ReturnType<typeof schedulingVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadSchedulingConfig(defaultPort: number = SCHEDULING_DEFAULT_PORT, env: Env = process.env): SchedulingConfig {
  return loadConfig(schedulingVariables(defaultPort), env);
}
