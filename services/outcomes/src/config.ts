import { int, loadConfig, type ConfigOf, type Env } from '@stepwell/config';
import { serviceVariables, testClockVariables } from '@stepwell/service-host';

export const OUTCOMES_DEFAULT_PORT = 3004;

/**
 * The variables every service reads (serviceVariables in @stepwell/service-host) and the risk alert policy: an
 * alert still open RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES after it was raised escalates; the check runs every
 * RISK_ALERT_CHECK_EVERY_SECONDS (0: never, for tests that drive it themselves). And the questionnaire links'
 * lifetime and rate limit. And `TEST_CLOCK_FILE` (refused in production): end-to-end tests and the demo's history move
 * the service's time with the other services'.
 */
export function outcomesVariables(defaultPort: number) {
  return {
    ...serviceVariables(defaultPort),
    ...testClockVariables(),
    RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES: int({ default: 60, min: 1, max: 7 * 24 * 60 }),
    RISK_ALERT_CHECK_EVERY_SECONDS: int({ default: 60, min: 0, max: 3600 }),
    // A questionnaire link is single-use and valid this long; the public /q routes take this many requests a
    // minute from one client address.
    INVITATION_VALID_HOURS: int({ default: 72, min: 1, max: 24 * 14 }),
    INVITATION_REQUESTS_PER_MINUTE: int({ default: 20, min: 1, max: 10_000 }),
  };
}

export type OutcomesConfig = ConfigOf<ReturnType<typeof outcomesVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadOutcomesConfig(defaultPort: number = OUTCOMES_DEFAULT_PORT, env: Env = process.env): OutcomesConfig {
  return loadConfig(outcomesVariables(defaultPort), env);
}
