import { type ConfigOf, type Env, loadConfig } from '@stepwell/config';
import { serviceVariables, testClockVariables } from '@stepwell/service-host';

export const CONSULTATIONS_DEFAULT_PORT = 3003;

/**
 * The variables every service reads (serviceVariables in @stepwell/service-host) and `TEST_CLOCK_FILE`: the
 * consultations service reads the time through its clock (requests, due times, answers — an answer's time is when
 * referrals' gap watch counts care as accepted), so an end-to-end test can move it with the other services';
 * refused when NODE_ENV is production.
 */
export function consultationsVariables(defaultPort: number) {
  return { ...serviceVariables(defaultPort), ...testClockVariables() };
}

export type ConsultationsConfig = ConfigOf<ReturnType<typeof consultationsVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadConsultationsConfig(defaultPort: number = CONSULTATIONS_DEFAULT_PORT, env: Env = process.env): ConsultationsConfig {
  return loadConfig(consultationsVariables(defaultPort), env);
}
