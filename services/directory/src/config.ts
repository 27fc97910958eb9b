import type { Env } from '@stepwell/config';
import { loadServiceConfig, type ServiceConfig } from '@stepwell/service-host';

export const DIRECTORY_DEFAULT_PORT = 3005;

/** The directory service reads the variables every service reads: see serviceVariables in @stepwell/service-host. */
export type DirectoryConfig = ServiceConfig;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadDirectoryConfig(defaultPort: number = DIRECTORY_DEFAULT_PORT, env: Env = process.env): DirectoryConfig {
  return loadServiceConfig(defaultPort, env);
}
