import { type ConfigOf, type Env, loadConfig } from '@stepwell/config';
import { serviceVariables, testClockVariables } from '@stepwell/service-host';

export const SCHEDULING_DEFAULT_PORT = 3002;

/**
 * The variables every service reads (serviceVariables in @stepwell/service-host) and `TEST_CLOCK_FILE`: the
 * scheduling service reads the time through its clock (slot starts, embargo windows, attendance), so an end-to-end
 * test can move it; refused when NODE_ENV is production.
 */
export function schedulingVariables(defaultPort: number) {
  return { ...serviceVariables(defaultPort), ...testClockVariables() };
}

export type SchedulingConfig = ConfigOf<ReturnType<typeof schedulingVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadSchedulingConfig(defaultPort: number = SCHEDULING_DEFAULT_PORT, env: Env = process.env): SchedulingConfig {
  return loadConfig(schedulingVariables(defaultPort), env);
}
