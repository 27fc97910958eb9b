import type { Provider } from '@nestjs/common';
import { type ServiceClock, systemClock } from '@stepwell/service-host';

/**
 * Where handlers read the time (the domain never does: time arrives in commands). Tests move it forward: in process
 * with a clock of their own, and a built service through `TEST_CLOCK_FILE` (see `serviceClock` in service-host).
 */
export type Clock = ServiceClock;

export const CLOCK = 'SCHEDULING_CLOCK';

export const clockProvider: Provider = { provide: CLOCK, useValue: systemClock };
