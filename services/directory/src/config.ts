import { type ConfigOf, commonVariables, loadConfig, type Env } from '@stepwell/config';

export const DIRECTORY_DEFAULT_PORT = 3005;

/** The variables the directory service reads (see commonVariables for the shared ones and the port scheme). */
export function directoryVariables(defaultPort: number = DIRECTORY_DEFAULT_PORT) {
  return { ...commonVariables(defaultPort) };
}

export type DirectoryConfig = ConfigOf<ReturnType<typeof directoryVariables>>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadDirectoryConfig(defaultPort: number = DIRECTORY_DEFAULT_PORT, env: Env = process.env): DirectoryConfig {
  return loadConfig(directoryVariables(defaultPort), env);
}
