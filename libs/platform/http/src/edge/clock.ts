/**
 * Where handlers read the time (a domain never does: time arrives in commands). One token for every service:
 * `@stepwell/service-host` provides the system clock (or, outside production, `TEST_CLOCK_FILE`'s offset clock);
 * in-process tests provide a clock of their own under the same token.
 */
export interface Clock {
  /** The current instant as an ISO 8601 UTC string. */
  now(): string;
}

/** Nest token of the service's Clock. */
export const CLOCK = 'stepwell:http:clock';

export const systemClock: Clock = { now: () => new Date().toISOString() };
