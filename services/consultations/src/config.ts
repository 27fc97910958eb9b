import type { Env } from '@stepwell/config';
import { loadServiceConfig, type ServiceConfig } from '@stepwell/service-host';

export const CONSULTATIONS_DEFAULT_PORT = 3003;

/** The consultations service reads the variables every service reads: see serviceVariables in @stepwell/service-host. */
export type ConsultationsConfig = ServiceConfig;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadConsultationsConfig(defaultPort: number = CONSULTATIONS_DEFAULT_PORT, env: Env = process.env): ConsultationsConfig {
  return loadServiceConfig(defaultPort, env);
}
