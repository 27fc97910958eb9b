import { testNow } from '@stepwell/testing';
import { crisisTimerDecider, CrisisTimerBreachError, type RecordCrisisTimerBreach } from './crisis-timer-breach.decider';

const HOUR = 3_600_000;
const received = testNow();
const iso = (ms: number) => new Date(ms).toISOString();
const command = (overrides: Partial<RecordCrisisTimerBreach['data']> = {}): RecordCrisisTimerBreach => ({
  type: 'RecordCrisisTimerBreach',
  data: {
    episodeId: 'e-1', patientSubjectId: 'p-1', providingOrganisationId: 'RCR01', timer: 'assessment', definition: 'crisis-timers/1',
    dueAt: iso(received + 4 * HOUR), metAt: null, detectedAt: iso(received + 5 * HOUR), ...overrides,
  },
});

describe('crisis timer breaches (H-W9)', () => {
  it('records a passed timer once, each timer on its own', () => {
    const [breach] = crisisTimerDecider.decide(command(), crisisTimerDecider.initialState);
    expect(breach).toEqual({ type: 'CrisisTimerBreached', data: command().data });
    const after = crisisTimerDecider.evolve(crisisTimerDecider.initialState, breach!);
    expect(crisisTimerDecider.decide(command({ detectedAt: iso(received + 6 * HOUR) }), after)).toEqual([]);
    expect(crisisTimerDecider.decide(command({ timer: 'rapid-response', dueAt: iso(received + 48 * HOUR), detectedAt: iso(received + 49 * HOUR) }), after)).toHaveLength(1);
  });

  it('refuses to record a timer that has not passed, or that was met in time', () => {
    expect(() => crisisTimerDecider.decide(command({ detectedAt: iso(received + 3 * HOUR) }), crisisTimerDecider.initialState)).toThrow(CrisisTimerBreachError);
    expect(() => crisisTimerDecider.decide(command({ metAt: iso(received + 2 * HOUR) }), crisisTimerDecider.initialState)).toThrow(CrisisTimerBreachError);
    expect(crisisTimerDecider.decide(command({ metAt: iso(received + 4.5 * HOUR) }), crisisTimerDecider.initialState)).toHaveLength(1);
  });
});
