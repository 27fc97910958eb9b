import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const OUTCOMES_DEFAULT_PORT = 3004;

/** The variables the outcomes service reads (see commonVariables for the shared ones and the port scheme). */
export function outcomesVariables(defaultPort: number = OUTCOMES_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort) };
}

export type OutcomesConfig = ConfigOf<ReturnType<typeof outcomesVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadOutcomesConfig(defaultPort: number = OUTCOMES_DEFAULT_PORT, env: Env = process.env): OutcomesConfig {
  return loadConfig(outcomesVariables(defaultPort), env);
}
