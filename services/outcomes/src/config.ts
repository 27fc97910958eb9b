import type { Env } from '@stepwell/config';
import { loadServiceConfig, type ServiceConfig } from '@stepwell/service-host';

export const OUTCOMES_DEFAULT_PORT = 3004;

/** The outcomes service reads the variables every service reads: see serviceVariables in @stepwell/service-host. */
export type OutcomesConfig = ServiceConfig;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadOutcomesConfig(defaultPort: number = OUTCOMES_DEFAULT_PORT, env: Env = process.env): OutcomesConfig {
  return loadServiceConfig(defaultPort, env);
}
