import type { OptOutSource } from '@stepwell/contracts';
import { assertNever, type Decider } from '@stepwell/decider';

/**
 * The person's national data opt-out (issue 15 item 5), one stream per person (`opt-out-<patient subject id>`). The
 * status is the NHS's (the National Data Opt-out service, or what the person told a clinician): Stepwell records each
 * change, publishes it, and every service leaves the person out of its secondary-use outputs while it holds — never
 * out of their direct care. Pure: the time arrives in the command.
 */
export type SetNationalDataOptOut = { type: 'SetNationalDataOptOut'; data: { optedOut: boolean; source: OptOutSource; changedAt: string } };
export type NationalDataOptOutCommand = SetNationalDataOptOut;

export type NationalDataOptOutChanged = { type: 'NationalDataOptOutChanged'; data: { optedOut: boolean; source: OptOutSource; changedAt: string } };
export type NationalDataOptOutEvent = NationalDataOptOutChanged;

export interface NationalDataOptOutState {
  optedOut: boolean;
  source: OptOutSource | null;
  changedAt: string | null;
}

function decide(command: NationalDataOptOutCommand, state: NationalDataOptOutState): NationalDataOptOutEvent[] {
  switch (command.type) {
    case 'SetNationalDataOptOut':
      // No change, no event: a repeat (or the status the person already has) decides nothing.
      if (state.changedAt !== null && state.optedOut === command.data.optedOut) return [];
      if (state.changedAt === null && !command.data.optedOut) return [];
      return [{ type: 'NationalDataOptOutChanged', data: command.data }];
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: NationalDataOptOutState, event: NationalDataOptOutEvent): NationalDataOptOutState {
  switch (event.type) {
    case 'NationalDataOptOutChanged':
      return { optedOut: event.data.optedOut, source: event.data.source, changedAt: event.data.changedAt };
    default:
      return assertNever(event.type);
  }
}

export const nationalDataOptOutDecider: Decider<NationalDataOptOutCommand, NationalDataOptOutEvent, NationalDataOptOutState> = {
  initialState: { optedOut: false, source: null, changedAt: null },
  decide,
  evolve,
};

export const OPT_OUT_CATEGORY = 'opt-out';
export const optOutStreamId = (patientSubjectId: string): string => `${OPT_OUT_CATEGORY}-${patientSubjectId}`;
