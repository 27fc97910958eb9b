import type { Env } from '@stepwell/config';
import { loadServiceConfig, type ServiceConfig } from '@stepwell/service-host';

export const REFERRALS_DEFAULT_PORT = 3001;

/** The referrals service reads the variables every service reads: see serviceVariables in @stepwell/service-host. */
export type ReferralsConfig = ServiceConfig;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadReferralsConfig(defaultPort: number = REFERRALS_DEFAULT_PORT, env: Env = process.env): ReferralsConfig {
  return loadServiceConfig(defaultPort, env);
}
