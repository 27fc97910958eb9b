import { fold } from '@stepwell/decider';
import type { CareEpisodeCommand, OpenEpisode } from './care-episode.commands';
import { careEpisodeDecider } from './care-episode.decider';
import type { CareEpisodeState, OpenedEpisodeState } from './care-episode.state';
import { daysBetween, londonDateOf } from './london-date';
import { computeWaitingClock } from './waiting-clock';

const actor = { userId: 'u-1', organisationId: 'RX4', role: 'clinician' };
const base = { episodeId: 'ep-1', decidedBy: actor };

function openedAt(referralReceivedAt: string): OpenEpisode {
  return {
    ...base,
    type: 'OpenEpisode',
    at: referralReceivedAt,
    referralId: 'ref-1',
    patientSubjectId: 'p-1',
    step: 'step-2',
    providingOrganisationId: 'RX4',
    referralReceivedAt,
    registeredGpPracticeId: 'B82001',
  };
}
const pause = (pauseId: string, at: string): CareEpisodeCommand => ({
  ...base,
  type: 'PauseWaitingClock',
  pauseId,
  at,
  reason: 'patient-unavailable',
});
const endPause = (pauseId: string, at: string): CareEpisodeCommand => ({ ...base, type: 'EndPause', pauseId, at });
const firstAppointment = (at: string): CareEpisodeCommand => ({
  ...base,
  type: 'RecordFirstTreatmentAppointment',
  appointmentId: 'appt-1',
  at,
});

/** The episode after running the commands through the decider, as the store would hold it. */
function episode(...commands: CareEpisodeCommand[]): OpenedEpisodeState {
  const state = commands.reduce<CareEpisodeState>(
    (current, command) => fold(careEpisodeDecider, careEpisodeDecider.decide(command, current), current),
    careEpisodeDecider.initialState,
  );
  if (state.status === 'NotOpened') throw new Error('expected an opened episode');
  return state;
}

describe('the waiting clock', () => {
  it('runs from the referral date while no treatment appointment has happened', () => {
    const clock = computeWaitingClock(episode(openedAt('2026-11-01T09:00:00Z')), '2026-11-20T12:00:00Z');
    expect(clock).toEqual({
      rulesVersion: 'talking-therapies-waiting-times/1',
      referralDate: '2026-11-01',
      running: true,
      stoppedBy: null,
      countedTo: '2026-11-20',
      daysWaited: 19,
      pausedDays: 0,
      sixWeeks: { lastDayWithinStandard: '2026-12-13', breachDate: '2026-12-14', breached: false },
      eighteenWeeks: { lastDayWithinStandard: '2027-03-07', breachDate: '2027-03-08', breached: false },
    });
  });

  it('leaves paused days out and moves both breach dates later by them', () => {
    const state = episode(
      openedAt('2026-11-01T09:00:00Z'),
      pause('pause-1', '2026-11-10T09:00:00Z'),
      endPause('pause-1', '2026-11-17T16:00:00Z'),
    );
    const clock = computeWaitingClock(state, '2026-11-20T12:00:00Z');
    expect(clock).toMatchObject({ daysWaited: 12, pausedDays: 7 });
    expect(clock.sixWeeks).toEqual({ lastDayWithinStandard: '2026-12-20', breachDate: '2026-12-21', breached: false });
    expect(clock.eighteenWeeks.breachDate).toBe('2027-03-15');
  });

  it('counts an open pause up to the instant asked about, so its breach dates keep moving while it lasts', () => {
    const state = episode(openedAt('2026-11-01T09:00:00Z'), pause('pause-1', '2026-11-10T09:00:00Z'));
    expect(computeWaitingClock(state, '2026-11-20T12:00:00Z')).toMatchObject({ daysWaited: 9, pausedDays: 10 });
    expect(computeWaitingClock(state, '2026-11-25T12:00:00Z')).toMatchObject({ daysWaited: 9, pausedDays: 15 });
  });

  it('adds up several pauses', () => {
    const state = episode(
      openedAt('2026-11-01T09:00:00Z'),
      pause('pause-1', '2026-11-03T09:00:00Z'),
      endPause('pause-1', '2026-11-05T09:00:00Z'),
      pause('pause-2', '2026-11-10T09:00:00Z'),
      endPause('pause-2', '2026-11-13T09:00:00Z'),
    );
    expect(computeWaitingClock(state, '2026-11-20T12:00:00Z')).toMatchObject({ daysWaited: 14, pausedDays: 5 });
  });

  it('stops at the first treatment appointment, whatever later instant is asked about', () => {
    const state = episode(openedAt('2026-11-01T09:00:00Z'), firstAppointment('2026-11-24T14:00:00Z'));
    const clock = computeWaitingClock(state, '2027-06-01T00:00:00Z');
    expect(clock).toMatchObject({
      running: false,
      stoppedBy: 'first-treatment-appointment',
      countedTo: '2026-11-24',
      daysWaited: 23,
    });
  });

  it('ends an open pause at the first treatment appointment', () => {
    const state = episode(
      openedAt('2026-11-01T09:00:00Z'),
      pause('pause-1', '2026-11-10T09:00:00Z'),
      firstAppointment('2026-11-14T10:00:00Z'),
    );
    expect(computeWaitingClock(state, '2027-01-01T00:00:00Z')).toMatchObject({ daysWaited: 9, pausedDays: 4 });
  });

  it('meets the 6-week standard at 42 days and breaches it at 43', () => {
    const at42 = episode(openedAt('2026-11-01T09:00:00Z'), firstAppointment('2026-12-13T09:00:00Z'));
    const at43 = episode(openedAt('2026-11-01T09:00:00Z'), firstAppointment('2026-12-14T09:00:00Z'));
    expect(computeWaitingClock(at42, '2027-01-01T00:00:00Z')).toMatchObject({ daysWaited: 42, sixWeeks: { breached: false } });
    expect(computeWaitingClock(at43, '2027-01-01T00:00:00Z')).toMatchObject({ daysWaited: 43, sixWeeks: { breached: true } });
  });

  it('shows a running clock past its breach date as breached', () => {
    const clock = computeWaitingClock(episode(openedAt('2026-01-05T09:00:00Z')), '2026-05-20T09:00:00Z');
    expect(clock.sixWeeks.breached).toBe(true);
    expect(clock.eighteenWeeks).toEqual({ lastDayWithinStandard: '2026-05-11', breachDate: '2026-05-12', breached: true });
  });

  it('stops at a discharge before any treatment', () => {
    const state = episode(openedAt('2026-11-01T09:00:00Z'), {
      ...base,
      type: 'Discharge',
      reason: 'moved-away',
      at: '2026-11-11T09:00:00Z',
    });
    expect(computeWaitingClock(state, '2027-01-01T00:00:00Z')).toMatchObject({
      running: false,
      stoppedBy: 'discharged-before-treatment',
      daysWaited: 10,
    });
  });

  it('counts day 0 when asked about an instant before the referral', () => {
    expect(computeWaitingClock(episode(openedAt('2026-11-01T09:00:00Z')), '2026-10-01T09:00:00Z')).toMatchObject({
      daysWaited: 0,
      countedTo: '2026-11-01',
    });
  });

  describe('across the clock changes (days are London calendar days)', () => {
    it('counts one day from 00:30 GMT to 00:15 BST the next night, though under 23 hours passed', () => {
      // 29 March 2026: clocks go forward at 01:00 GMT.
      const state = episode(openedAt('2026-03-29T00:30:00Z'), firstAppointment('2026-03-29T23:15:00Z'));
      expect((Date.parse('2026-03-29T23:15:00Z') - Date.parse('2026-03-29T00:30:00Z')) / 3_600_000).toBeLessThan(23);
      expect(computeWaitingClock(state, '2026-04-30T00:00:00Z').daysWaited).toBe(1);
    });

    it('counts two days over the spring-forward weekend, though only 47 hours passed', () => {
      const clock = computeWaitingClock(episode(openedAt('2026-03-28T12:00:00Z')), '2026-03-30T12:00:00+01:00');
      expect(clock).toMatchObject({ referralDate: '2026-03-28', countedTo: '2026-03-30', daysWaited: 2 });
    });

    it('dates a referral at 23:30 UTC in summer time on the next London day', () => {
      // 24 October 2026 23:30 UTC is 00:30 BST on 25 October, the night the clocks go back.
      const clock = computeWaitingClock(episode(openedAt('2026-10-24T23:30:00Z')), '2026-10-26T00:30:00Z');
      expect(clock).toMatchObject({ referralDate: '2026-10-25', countedTo: '2026-10-26', daysWaited: 1 });
    });

    it('counts whole days across both changes in a long wait', () => {
      // 1 March to 1 November 2026 is 245 calendar days, whatever the hours say (the clocks moved twice).
      const state = episode(openedAt('2026-03-01T09:00:00Z'), firstAppointment('2026-11-01T09:00:00Z'));
      expect(computeWaitingClock(state, '2026-12-01T00:00:00Z').daysWaited).toBe(245);
    });
  });
});

describe('London calendar dates', () => {
  it('puts an instant on its London date, in GMT and in BST', () => {
    expect(londonDateOf('2026-01-15T23:59:59Z')).toBe('2026-01-15');
    expect(londonDateOf('2026-07-15T23:00:00Z')).toBe('2026-07-16');
    expect(londonDateOf('2026-07-16T00:30:00+02:00')).toBe('2026-07-15');
  });

  it('refuses a time without a zone rather than read it in the server zone', () => {
    expect(() => londonDateOf('2026-07-15T12:00:00')).toThrow(RangeError);
  });

  it('counts calendar days between dates across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-11-02', '2026-11-01')).toBe(-1);
  });
});
