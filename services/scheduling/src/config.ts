import type { Env } from '@stepwell/config';
import { loadServiceConfig, type ServiceConfig } from '@stepwell/service-host';

export const SCHEDULING_DEFAULT_PORT = 3002;

/** The scheduling service reads the variables every service reads: see serviceVariables in @stepwell/service-host. */
export type SchedulingConfig = ServiceConfig;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadSchedulingConfig(defaultPort: number = SCHEDULING_DEFAULT_PORT, env: Env = process.env): SchedulingConfig {
  return loadServiceConfig(defaultPort, env);
}
