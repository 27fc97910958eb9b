import { ConfigError, type ConfigIssue } from './config.error';
import { holdsPlaceholder } from './placeholder';
import type { Env, Variable } from './variables';

export const PLACEHOLDER_PROBLEM =
  'holds a placeholder from the committed example env files (infra/compose/*.env.example), refused when NODE_ENV is production: set a real value';

/** A service's declared variables: environment variable name → how it is read. */
export type ConfigSchema = Record<string, Variable<unknown>>;

export type ConfigOf<S extends ConfigSchema> = { readonly [K in keyof S]: S[K] extends Variable<infer T> ? T : never };

/**
 * Reads every declared variable from `env` and returns them typed, or throws one `ConfigError` naming every
 * missing or malformed variable. Undeclared variables are ignored: the environment holds much else.
 *
 * With NODE_ENV=production, a declared variable that still holds a placeholder of the committed example env files
 * (`CHANGE-ME`, plain or base64-encoded: see holdsPlaceholder) is refused, by name and never by value, whatever the
 * variable — one check here, so that every service and the BFF get it (hazard H-CF1).
 */
export function loadConfig<S extends ConfigSchema>(schema: S, env: Env = process.env): ConfigOf<S> {
  const issues: ConfigIssue[] = [];
  const config: Record<string, unknown> = {};
  const production = env['NODE_ENV']?.trim() === 'production';
  for (const [variable, reader] of Object.entries(schema)) {
    const raw = env[variable];
    if (production && raw !== undefined && holdsPlaceholder(raw)) {
      issues.push({ variable, problem: PLACEHOLDER_PROBLEM });
      continue;
    }
    const result = reader.parse(env[variable], env);
    if (result.ok) config[variable] = result.value;
    else issues.push({ variable, problem: result.problem });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return Object.freeze(config) as ConfigOf<S>;
}
