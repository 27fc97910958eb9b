import { ConfigError, type ConfigIssue } from './config.error';
import type { Env, Variable } from './variables';

/** A service's declared variables: environment variable name → how it is read. */
export type ConfigSchema = Record<string, Variable<unknown>>;

export type ConfigOf<S extends ConfigSchema> = { readonly [K in keyof S]: S[K] extends Variable<infer T> ? T : never };

/**
 * Reads every declared variable from `env` and returns them typed, or throws one `ConfigError` naming every
 * missing or malformed variable. Undeclared variables are ignored: the environment holds much else.
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Env = process.env): ConfigOf<S> {
  const issues: ConfigIssue[] = [];
  const config: Record<string, unknown> = {};
  for (const [variable, reader] of Object.entries(schema)) {
    const result = reader.parse(env[variable], env);
    if (result.ok) config[variable] = result.value;
    else issues.push({ variable, problem: result.problem });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze(config) as ConfigOf<S>;
}
