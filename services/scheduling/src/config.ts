import { authVariables } from '@stepwell/access';
import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const SCHEDULING_DEFAULT_PORT = 3002;

/**
 * The variables the scheduling service reads: the shared ones (see commonVariables for the port scheme) and the
 * authentication ones (AUTH_*, STEPWELL_DATA_DIR; rules in @stepwell/access).
 */
export function schedulingVariables(defaultPort: number = SCHEDULING_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort), ...authVariables() };
}

export type SchedulingConfig = ConfigOf<ReturnType<typeof schedulingVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadSchedulingConfig(defaultPort: number = SCHEDULING_DEFAULT_PORT, env: Env = process.env): SchedulingConfig {
  return loadConfig(schedulingVariables(defaultPort), env);
}
