import { authVariables } from '@stepwell/access';
import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const REFERRALS_DEFAULT_PORT = 3001;

/**
 * The variables the referrals service reads: the shared ones (see commonVariables for the port scheme) and the
 * authentication ones (AUTH_*, STEPWELL_DATA_DIR; rules in @stepwell/access).
 */
export function referralsVariables(defaultPort: number = REFERRALS_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort), ...authVariables() };
}

export type ReferralsConfig = ConfigOf<ReturnType<typeof referralsVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadReferralsConfig(defaultPort: number = REFERRALS_DEFAULT_PORT, env: Env = process.env): ReferralsConfig {
  return loadConfig(referralsVariables(defaultPort), env);
}
