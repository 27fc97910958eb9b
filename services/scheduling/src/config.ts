import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const SCHEDULING_DEFAULT_PORT = 3002;

/** The variables the scheduling service reads (see commonVariables for the shared ones and the port scheme). */
export function schedulingVariables(defaultPort: number = SCHEDULING_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort) };
}

export type SchedulingConfig = ConfigOf<ReturnType<typeof schedulingVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadSchedulingConfig(defaultPort: number = SCHEDULING_DEFAULT_PORT, env: Env = process.env): SchedulingConfig {
  return loadConfig(schedulingVariables(defaultPort), env);
}
