/**
 * Small, typed parsers for environment variables. Hand-rolled rather than class-validator: a variable is a
 * string or nothing, and the checks that matter (required, integer range, one of, URL) fit in a few lines.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

/** How one variable is read. `env` is the whole environment, for rules that depend on another variable. */
export interface Variable<T> {
  parse(raw: string | undefined, env: Env): ParseResult<T>;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (problem: string): ParseResult<never> => ({ ok: false, problem });

/** Empty strings count as unset: `FOO=` in a compose file almost always means "not given". */
function present(raw: string | undefined): raw is string {
  return raw !== undefined && raw.trim() !== '';
}

interface Requirement<T> {
  /** Value used when the variable is unset; without it (and without `optional`) the variable is required. */
  default?: T;
  optional?: boolean;
  /** Required only when this holds, e.g. a connection string only for the adapter that needs it. */
  requiredWhen?: { test(env: Env): boolean; because: string };
}

function withRequirement<T>(
  requirement: Requirement<T>,
  parseValue: (raw: string) => ParseResult<T>,
): Variable<T | undefined> {
  return {
    parse(raw, env) {
      if (present(raw)) return parseValue(raw.trim());
      if (requirement.default !== undefined) return ok(requirement.default);
      if (requirement.requiredWhen) {
        return requirement.requiredWhen.test(env) ? fail(`is required when ${requirement.requiredWhen.because}`) : ok(undefined);
      }
      return requirement.optional ? ok(undefined) : fail('is required but not set');
    },
  };
}

type Required<T> = Variable<T>;
type Optional<T> = Variable<T | undefined>;

export function str(options: { default: string }): Required<string>;
export function str(options: { optional: true } | { requiredWhen: Requirement<string>['requiredWhen'] }): Optional<string>;
export function str(options?: Record<string, never>): Required<string>;
export function str(options: Requirement<string> = {}): Variable<string | undefined> {
  return withRequirement(options, (raw) => ok(raw));
}

export function int(options: { default?: number; min?: number; max?: number }): Required<number>;
export function int(options: { default?: number; min?: number; max?: number } = {}): Variable<number | undefined> {
  return withRequirement(options, (raw) => {
    if (!/^-?\d+$/.test(raw)) return fail(`must be an integer, got a value that is not`);
    const value = Number(raw);
    if (options.min !== undefined && value < options.min) return fail(`must be at least ${options.min}`);
    if (options.max !== undefined && value > options.max) return fail(`must be at most ${options.max}`);
    return ok(value);
  });
}

export function port(options: { default?: number } = {}): Required<number> {
  return int({ ...options, min: 1, max: 65535 });
}

export function oneOf<const V extends readonly string[]>(values: V, options: { default: V[number] }): Required<V[number]>;
export function oneOf<const V extends readonly string[]>(values: V, options: { optional: true }): Optional<V[number]>;
export function oneOf<const V extends readonly string[]>(
  values: V,
  options: { requiredWhen: Requirement<string>['requiredWhen'] },
): Optional<V[number]>;
export function oneOf<const V extends readonly string[]>(
  values: V,
  options: Requirement<V[number]>,
): Variable<V[number] | undefined> {
  return withRequirement(options, (raw) =>
    (values as readonly string[]).includes(raw) ? ok(raw as V[number]) : fail(`must be one of ${values.join(', ')}`),
  );
}

/** A URL whose scheme is one of `protocols` (without the colon), e.g. `postgres`/`postgresql`. */
export function url(options: { protocols: readonly string[] }): Required<string>;
export function url(options: { protocols: readonly string[]; optional: true }): Optional<string>;
export function url(options: { protocols: readonly string[] } & Requirement<string>): Variable<string | undefined> {
  return withRequirement(options, (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      // The value may hold a password: say what is wrong, never echo it.
      return fail('must be a URL');
    }
    const scheme = parsed.protocol.replace(/:$/, '');
    return options.protocols.includes(scheme)
      ? ok(raw)
      : fail(`must be a URL with scheme ${options.protocols.join(' or ')}`);
  });
}

/** Comma-separated list, e.g. `KAFKA_BROKERS=host1:9092,host2:9092`. */
export function list(options: { optional: true; itemPattern?: RegExp; itemDescription?: string }): Optional<string[]> {
  return withRequirement<string[]>(options, (raw) => {
    const items = raw.split(',').map((item) => item.trim());
    if (items.some((item) => item === '')) return fail('must be a comma-separated list without empty items');
    const pattern = options.itemPattern;
    if (pattern && !items.every((item) => pattern.test(item))) {
      return fail(`every item must be ${options.itemDescription ?? `like ${pattern}`}`);
    }
    return ok(items);
  });
}
