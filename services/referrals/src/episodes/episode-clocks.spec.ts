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

// Pure: fixed instants here never expire (nothing is compared with the real clock).
describe('the clocks an episode shows (issue 12 items 14 and 15)', () => {
  it('regression: the headline clock is the national unadjusted one; the pause-adjusted wait is only the local figure beside it', () => {
    const state = episode(
      open('step-2', '2026-11-01T09:00:00Z'),
      { ...base, type: 'PauseWaitingClock', pauseId: 'p1', at: '2026-11-05T09:00:00Z', reason: 'patient-unavailable' },
      { ...base, type: 'EndPause', pauseId: 'p1', at: '2026-11-15T09:00:00Z' },
      { ...base, type: 'RecordFirstTreatmentAppointment', appointmentId: 'a1', at: '2026-12-15T10:00:00Z' },
    );
    const clocks = clocksOf(state, '2027-01-01T00:00:00Z');
    expect(clocks.waitingClockKind).toBe('talking-therapies');
    // 44 calendar days: a national breach of 6 weeks, whatever the pauses.
    expect(clocks.waitingClock).toMatchObject({
      definition: 'nhs-talking-therapies-referral-to-first-treatment/1',
      stoppedBy: 'first-attended-treatment-appointment',
      daysWaited: 44,
      sixWeeks: { breachDate: '2026-12-14', breached: true },
    });
    expect(clocks.localWaitingClock).toMatchObject({ daysWaited: 34, pausedDays: 10, sixWeeks: { breached: false } });
    expect(clocks.crisisTimers).toBeNull();
  });

  it('a crisis episode shows the crisis timers and no 6/18-week clock', () => {
    const clocks = clocksOf(episode(open('crisis', '2026-11-01T09:00:00Z')), '2026-11-01T14:00:00Z');
    expect(clocks).toMatchObject({
      waitingClockKind: 'crisis',
      waitingClock: null,
      localWaitingClock: null,
      crisisTimers: {
        assessment: { dueAt: '2026-11-01T13:00:00.000Z', metAt: null, breached: true },
        rapidResponse: { dueAt: '2026-11-03T09:00:00.000Z', metAt: null, breached: false },
      },
    });
  });

  it.each(['secondary-care', 'complex-needs'] as const)('%s shows no national clock', (step) => {
    expect(clocksOf(episode(open(step, '2026-11-01T09:00:00Z')), '2027-06-01T00:00:00Z')).toEqual({
      waitingClockKind: 'none',
      waitingClock: null,
      localWaitingClock: null,
      crisisTimers: null,
    });
  });
});
