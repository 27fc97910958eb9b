import type { Provider } from '@nestjs/common';

/** Where handlers read the time (the domain never does: time arrives in commands). Tests move it forward. */
export interface Clock {
  /** ISO 8601 instant. */
  now(): string;
}

export const CLOCK = 'SCHEDULING_CLOCK';

export const systemClock: Clock = { now: () => new Date().toISOString() };

export const clockProvider: Provider = { provide: CLOCK, useValue: systemClock };
