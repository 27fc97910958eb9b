/** Nest token of the service's clock: tests inject a fixed one, so timed rules (escalation) run without sleeps. */
export const CLOCK = 'OUTCOMES_CLOCK';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
