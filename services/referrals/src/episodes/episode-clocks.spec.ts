import { fold } from '@stepwell/decider';
import type { CareEpisodeCommand, OpenEpisode } from '../domain/care-episode/care-episode.commands';
import { careEpisodeDecider } from '../domain/care-episode/care-episode.decider';
import type { CareEpisodeState, OpenedEpisodeState } from '../domain/care-episode/care-episode.state';
import type { AcceptanceStep } from '../domain/stepped-care/step';
import { clocksOf } from './episode.view';

const actor = { userId: 'u-1', organisationId: 'RX4', role: 'clinician' };
const base = { episodeId: 'ep-1', decidedBy: actor };
const open = (step: AcceptanceStep, referralReceivedAt: string): OpenEpisode => ({
  ...base,
  type: 'OpenEpisode',
  at: referralReceivedAt,
  referralId: 'ref-1',
  patientSubjectId: 'p-1',
  step,
  providingOrganisationId: 'RX4',
  referralReceivedAt,
  registeredGpPracticeId: 'B82001',
});

function episode(...commands: CareEpisodeCommand[]): OpenedEpisodeState {
  const state = commands.reduce<CareEpisodeState>(
    (current, command) => fold(careEpisodeDecider, careEpisodeDecider.decide(command, current), current),
    careEpisodeDecider.initialState,
  );
  if (state.status === 'NotOpened') throw new Error('expected an opened episode');
  return state;
}

// Every instant is a number of days after a referral received 90 days before today (UTC), so no date expires.
const DAY_MS = 86_400_000;
const today = new Date();
const referralDay = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - 90 * DAY_MS;
/** `days` after the referral's day at `time` (UTC), as an ISO instant; `.000Z` as the view prints it. */
const at = (days: number, time = '09:00:00') => `${new Date(referralDay + days * DAY_MS).toISOString().slice(0, 10)}T${time}Z`;
const shown = (days: number, time: string) => at(days, `${time}.000`);

describe('the clocks an episode shows (issue 12 items 14 and 15)', () => {
  it('regression: the headline clock is the national unadjusted one; the pause-adjusted wait is only the local figure beside it', () => {
    const state = episode(
      open('step-2', at(0)),
      { ...base, type: 'PauseWaitingClock', pauseId: 'p1', at: at(4), reason: 'patient-unavailable' },
      { ...base, type: 'EndPause', pauseId: 'p1', at: at(14) },
      { ...base, type: 'RecordFirstTreatmentAppointment', appointmentId: 'a1', at: at(44, '10:00:00') },
    );
    const clocks = clocksOf(state, at(61, '00:00:00'));
    expect(clocks.waitingClockKind).toBe('talking-therapies');
    // 44 calendar days: a national breach of 6 weeks, whatever the pauses.
    expect(clocks.waitingClock).toMatchObject({
      definition: 'nhs-talking-therapies-referral-to-first-treatment/1',
      stoppedBy: 'first-attended-treatment-appointment',
      daysWaited: 44,
      sixWeeks: { breachDate: at(43).slice(0, 10), breached: true },
    });
    expect(clocks.localWaitingClock).toMatchObject({ daysWaited: 34, pausedDays: 10, sixWeeks: { breached: false } });
    expect(clocks.crisisTimers).toBeNull();
  });

  it('a crisis episode shows the crisis timers and no 6/18-week clock', () => {
    const clocks = clocksOf(episode(open('crisis', at(0))), at(0, '14:00:00'));
    expect(clocks).toMatchObject({
      waitingClockKind: 'crisis',
      waitingClock: null,
      localWaitingClock: null,
      crisisTimers: {
        assessment: { dueAt: shown(0, '13:00:00'), metAt: null, breached: true },
        rapidResponse: { dueAt: shown(2, '09:00:00'), metAt: null, breached: false },
      },
    });
  });

  it.each(['secondary-care', 'complex-needs'] as const)('%s shows no national clock', (step) => {
    expect(clocksOf(episode(open(step, at(0))), at(212, '00:00:00'))).toEqual({
      waitingClockKind: 'none',
      waitingClock: null,
      localWaitingClock: null,
      crisisTimers: null,
    });
  });
});
