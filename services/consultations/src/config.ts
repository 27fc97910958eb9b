import { authVariables } from '@stepwell/access';
import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const CONSULTATIONS_DEFAULT_PORT = 3003;

/**
 * The variables the consultations service reads: the shared ones (see commonVariables for the port scheme) and the
 * authentication ones (AUTH_*, STEPWELL_DATA_DIR; rules in @stepwell/access).
 */
export function consultationsVariables(defaultPort: number = CONSULTATIONS_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort), ...authVariables() };
}

export type ConsultationsConfig = ConfigOf<ReturnType<typeof consultationsVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadConsultationsConfig(defaultPort: number = CONSULTATIONS_DEFAULT_PORT, env: Env = process.env): ConsultationsConfig {
  return loadConfig(consultationsVariables(defaultPort), env);
}
