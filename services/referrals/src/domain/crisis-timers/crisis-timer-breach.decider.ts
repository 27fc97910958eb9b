import { assertNever, type Decider } from '@stepwell/decider';

/**
 * Breaches of a crisis episode's timers (issue 12 item 15), in `crisis-timers-<episodeId>`: the 4-hour assessment
 * and the 48-hour rapid response (`CRISIS_TIMERS_DEFINITION` in @stepwell/contracts, with its sources). The timers
 * themselves are computed from the episode; this stream records, once per timer, that one passed unmet, so a breach
 * is a fact with a time (for audit, review and reporting), not only a flag recomputed on every read.
 */
export const CRISIS_TIMER_CATEGORY = 'crisis-timers';
export const crisisTimerStreamId = (episodeId: string): string => `${CRISIS_TIMER_CATEGORY}-${episodeId}`;

export const CRISIS_TIMER_KINDS = ['assessment', 'rapid-response'] as const;
export type CrisisTimerKind = (typeof CRISIS_TIMER_KINDS)[number];

export interface RecordCrisisTimerBreach {
  type: 'RecordCrisisTimerBreach';
  data: {
    episodeId: string;
    patientSubjectId: string;
    /** ODS code of the organisation providing the crisis episode when the breach was found. */
    providingOrganisationId: string;
    timer: CrisisTimerKind;
    /** The timers' definition id (`crisis-timers/1`). */
    definition: string;
    dueAt: string;
    /** When the timer was met (late), or null while still unmet. */
    metAt: string | null;
    detectedAt: string;
  };
}

export type CrisisTimerCommand = RecordCrisisTimerBreach;

export interface CrisisTimerBreached {
  type: 'CrisisTimerBreached';
  data: RecordCrisisTimerBreach['data'];
}

export type CrisisTimerEvent = CrisisTimerBreached;

export interface CrisisTimerState {
  breached: readonly CrisisTimerKind[];
}

export class CrisisTimerBreachError extends Error {
  readonly code = 'CRISIS_TIMER_NOT_BREACHED' as const;
}

function decide(command: CrisisTimerCommand, state: CrisisTimerState): CrisisTimerEvent[] {
  switch (command.type) {
    case 'RecordCrisisTimerBreach': {
      const { timer, dueAt, metAt, detectedAt } = command.data;
      // Once per breach: a repeated check (or a second instance running it) records nothing new.
      if (state.breached.includes(timer)) return [];
      const due = Date.parse(dueAt);
      const missed = metAt === null ? Date.parse(detectedAt) > due : Date.parse(metAt) > due;
      if (!missed) throw new CrisisTimerBreachError(`The ${timer} timer was not breached`);
      return [{ type: 'CrisisTimerBreached', data: command.data }];
    }
    default:
      return assertNever(command.type, 'crisis-timer command');
  }
}

function evolve(state: CrisisTimerState, event: CrisisTimerEvent): CrisisTimerState {
  switch (event.type) {
    case 'CrisisTimerBreached':
      return { breached: [...state.breached, event.data.timer] };
    default:
      return assertNever(event.type, 'crisis-timer event');
  }
}

export const crisisTimerDecider: Decider<CrisisTimerCommand, CrisisTimerEvent, CrisisTimerState> = {
  initialState: { breached: [] },
  decide,
  evolve,
};
