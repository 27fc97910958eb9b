import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const CONSULTATIONS_DEFAULT_PORT = 3003;

/** The variables the consultations service reads (see commonVariables for the shared ones and the port scheme). */
export function consultationsVariables(defaultPort: number = CONSULTATIONS_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort) };
}

export type ConsultationsConfig = ConfigOf<ReturnType<typeof consultationsVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadConsultationsConfig(defaultPort: number = CONSULTATIONS_DEFAULT_PORT, env: Env = process.env): ConsultationsConfig {
  return loadConfig(consultationsVariables(defaultPort), env);
}
