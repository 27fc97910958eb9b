import { givenFor } from '@stepwell/decider/testing';
import { londonWallClock } from '../time/europe-london';
import { diaryDecider } from './diary.decider';
import { slotIdFor } from './slot-layout';
import type { AddDiarySession, DiaryEvent, DiarySessionAddedData } from './diary.types';

const given = givenFor(diaryDecider);

const add = (overrides: Partial<AddDiarySession> = {}): AddDiarySession => ({
  type: 'AddDiarySession',
  sessionId: 'session-1',
  clinicianId: 'clinician-1',
  organisationId: 'org-1',
  siteId: 'site-1',
  date: '2026-12-01',
  startTime: '09:00',
  endTime: '10:00',
  slotLengthMinutes: 30,
  modes: ['face-to-face', 'telephone'],
  purposes: ['assessment'],
  embargo: 'none',
  addedAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

const added = (command: AddDiarySession): DiaryEvent => {
  const events = diaryDecider.decide(command, diaryDecider.initialState);
  return events[0] as DiaryEvent;
};

const slotsOf = (events: readonly DiaryEvent[]) => (events[0]?.data as DiarySessionAddedData).slots;
const localStarts = (events: readonly DiaryEvent[]) =>
  slotsOf(events).map((slot) => londonWallClock(slot.startsAt).time);

describe('clinician diary', () => {
  describe('adding a session', () => {
    it('lays out the session as slots with UTC bounds and ids derived from the session and index', () => {
      given([])
        .when(add())
        .then([
          {
            type: 'DiarySessionAdded',
            data: {
              sessionId: 'session-1',
              clinicianId: 'clinician-1',
              organisationId: 'org-1',
              siteId: 'site-1',
              date: '2026-12-01',
              startTime: '09:00',
              endTime: '10:00',
              startsAt: '2026-12-01T09:00:00.000Z',
              endsAt: '2026-12-01T10:00:00.000Z',
              slotLengthMinutes: 30,
              modes: ['face-to-face', 'telephone'],
              purposes: ['assessment'],
              embargo: 'none',
              slots: [
                {
                  slotId: slotIdFor('session-1', 0),
                  index: 0,
                  startsAt: '2026-12-01T09:00:00.000Z',
                  endsAt: '2026-12-01T09:30:00.000Z',
                },
                {
                  slotId: slotIdFor('session-1', 1),
                  index: 1,
                  startsAt: '2026-12-01T09:30:00.000Z',
                  endsAt: '2026-12-01T10:00:00.000Z',
                },
              ],
              addedAt: '2026-11-20T10:00:00.000Z',
            },
          },
        ]);
    });

    it('derives the same slot ids every time and different ones for another session or index', () => {
      expect(slotIdFor('session-1', 0)).toBe(slotIdFor('session-1', 0));
      expect(slotIdFor('session-1', 0)).not.toBe(slotIdFor('session-1', 1));
      expect(slotIdFor('session-1', 0)).not.toBe(slotIdFor('session-2', 0));
    });

    it('produces BST slots on the last Sunday of March 2026 (29 March)', () => {
      const events = diaryDecider.decide(
        add({ date: '2026-03-29', startTime: '09:00', endTime: '11:00', slotLengthMinutes: 60, addedAt: '2026-03-01T00:00:00Z' }),
        diaryDecider.initialState,
      );
      expect(slotsOf(events).map((s) => [s.startsAt, s.endsAt])).toEqual([
        ['2026-03-29T08:00:00.000Z', '2026-03-29T09:00:00.000Z'],
        ['2026-03-29T09:00:00.000Z', '2026-03-29T10:00:00.000Z'],
      ]);
      expect(localStarts(events)).toEqual(['09:00', '10:00']);
    });

    it('produces GMT slots on the last Sunday of October 2026 (25 October)', () => {
      const events = diaryDecider.decide(
        add({ date: '2026-10-25', startTime: '09:00', endTime: '10:00', slotLengthMinutes: 15, addedAt: '2026-10-01T00:00:00Z' }),
        diaryDecider.initialState,
      );
      expect(slotsOf(events).map((s) => s.startsAt)).toEqual([
        '2026-10-25T09:00:00.000Z',
        '2026-10-25T09:15:00.000Z',
        '2026-10-25T09:30:00.000Z',
        '2026-10-25T09:45:00.000Z',
      ]);
      expect(localStarts(events)).toEqual(['09:00', '09:15', '09:30', '09:45']);
    });

    it('lays a session across the spring change out in elapsed time: 00:00–03:00 lasts two hours', () => {
      const events = diaryDecider.decide(
        add({ date: '2026-03-29', startTime: '00:00', endTime: '03:00', addedAt: '2026-03-01T00:00:00Z' }),
        diaryDecider.initialState,
      );
      expect(localStarts(events)).toEqual(['00:00', '00:30', '02:00', '02:30']);
      expect(slotsOf(events)[2]?.startsAt).toBe('2026-03-29T01:00:00.000Z');
    });

    it('lays a session across the autumn change out in elapsed time: 00:00–03:00 lasts four hours', () => {
      const events = diaryDecider.decide(
        add({ date: '2026-10-25', startTime: '00:00', endTime: '03:00', slotLengthMinutes: 60, addedAt: '2026-10-01T00:00:00Z' }),
        diaryDecider.initialState,
      );
      expect(localStarts(events)).toEqual(['00:00', '01:00', '01:00', '02:00']);
      expect(slotsOf(events).map((s) => s.startsAt)).toEqual([
        '2026-10-24T23:00:00.000Z',
        '2026-10-25T00:00:00.000Z',
        '2026-10-25T01:00:00.000Z',
        '2026-10-25T02:00:00.000Z',
      ]);
    });

    it('refuses a session that starts or ends in the hour skipped on the spring Sunday', () => {
      const date = '2026-03-29';
      given([]).when(add({ date, startTime: '01:30', endTime: '03:00', addedAt: '2026-03-01T00:00:00Z' })).thenThrows('LOCAL_TIME_IN_DST_GAP');
      given([]).when(add({ date, startTime: '00:00', endTime: '01:30', addedAt: '2026-03-01T00:00:00Z' })).thenThrows('LOCAL_TIME_IN_DST_GAP');
    });

    it('reads a session time in the repeated autumn hour as its first occurrence', () => {
      const events = diaryDecider.decide(
        add({ date: '2026-10-25', startTime: '01:30', endTime: '02:00', addedAt: '2026-10-01T00:00:00Z' }),
        diaryDecider.initialState,
      );
      // 01:30 BST is 00:30 UTC; 02:00 GMT is 02:00 UTC: ninety minutes, three slots.
      expect(slotsOf(events).map((s) => s.startsAt)).toEqual([
        '2026-10-25T00:30:00.000Z',
        '2026-10-25T01:00:00.000Z',
        '2026-10-25T01:30:00.000Z',
      ]);
    });

    it('returns no events when the same session is added again', () => {
      given([added(add())]).when(add({ addedAt: '2026-11-20T10:05:00.000Z', modes: ['telephone', 'face-to-face'] })).then([]);
    });

    it('refuses another session under an id already in use', () => {
      given([added(add())]).when(add({ startTime: '11:00', endTime: '12:00' })).thenThrows('SESSION_ID_IN_USE');
    });

    it('refuses to reuse the id of a cancelled session', () => {
      const cancelled: DiaryEvent = {
        type: 'DiarySessionCancelled',
        data: { sessionId: 'session-1', clinicianId: 'clinician-1', reason: 'entered-in-error', slotIds: [], cancelledAt: '2026-11-20T11:00:00.000Z' },
      };
      given([added(add()), cancelled]).when(add()).thenThrows('SESSION_ID_IN_USE');
    });

    it('refuses a session overlapping another of the same clinician', () => {
      given([added(add())])
        .when(add({ sessionId: 'session-2', startTime: '09:30', endTime: '10:30' }))
        .thenThrows('SESSION_OVERLAPS');
      given([added(add())])
        .when(add({ sessionId: 'session-2', startTime: '08:00', endTime: '11:00' }))
        .thenThrows('SESSION_OVERLAPS');
    });

    it('accepts a session that starts when the previous one ends', () => {
      const events = diaryDecider.decide(
        add({ sessionId: 'session-2', startTime: '10:00', endTime: '11:00' }),
        diaryDecider.evolve(diaryDecider.initialState, added(add())),
      );
      expect(events.map((e) => e.type)).toEqual(['DiarySessionAdded']);
    });

    it('accepts a session in the time of a cancelled one', () => {
      const cancelled: DiaryEvent = {
        type: 'DiarySessionCancelled',
        data: { sessionId: 'session-1', clinicianId: 'clinician-1', reason: 'other', slotIds: [], cancelledAt: '2026-11-20T11:00:00.000Z' },
      };
      const state = [added(add()), cancelled].reduce(diaryDecider.evolve, diaryDecider.initialState);
      expect(diaryDecider.decide(add({ sessionId: 'session-2' }), state)).toHaveLength(1);
    });

    it('refuses a session for another clinician on this diary', () => {
      given([added(add())]).when(add({ sessionId: 'session-2', clinicianId: 'clinician-2', date: '2026-12-02' })).thenThrows('CLINICIAN_MISMATCH');
    });

    it('refuses a session that ends before or when it starts', () => {
      given([]).when(add({ startTime: '10:00', endTime: '09:00' })).thenThrows('SESSION_END_NOT_AFTER_START');
      given([]).when(add({ startTime: '10:00', endTime: '10:00' })).thenThrows('SESSION_END_NOT_AFTER_START');
    });

    it('refuses slot lengths other than 15, 30, 45 and 60 minutes', () => {
      given([]).when(add({ slotLengthMinutes: 20 })).thenThrows('SLOT_LENGTH_NOT_ALLOWED');
      given([]).when(add({ slotLengthMinutes: 0 })).thenThrows('SLOT_LENGTH_NOT_ALLOWED');
    });

    it('refuses a slot length that does not divide the session', () => {
      given([]).when(add({ endTime: '10:10', slotLengthMinutes: 15 })).thenThrows('SLOT_LENGTH_DOES_NOT_DIVIDE_SESSION');
      given([]).when(add({ endTime: '10:00', slotLengthMinutes: 45 })).thenThrows('SLOT_LENGTH_DOES_NOT_DIVIDE_SESSION');
    });

    it('refuses a session without modes, with an unknown mode, purpose or embargo', () => {
      given([]).when(add({ modes: [] })).thenThrows('INVALID_MODES');
      given([]).when(add({ modes: ['carrier-pigeon' as never] })).thenThrows('INVALID_MODES');
      given([]).when(add({ purposes: [] })).thenThrows('INVALID_PURPOSES');
      given([]).when(add({ purposes: ['therapy' as never] })).thenThrows('INVALID_PURPOSES');
      given([]).when(add({ embargo: 'week' as never })).thenThrows('INVALID_EMBARGO');
    });

    it('refuses malformed dates, times and instants', () => {
      given([]).when(add({ date: '01/12/2026' })).thenThrows('INVALID_LOCAL_DATE');
      given([]).when(add({ startTime: '9am' })).thenThrows('INVALID_LOCAL_TIME');
      given([]).when(add({ addedAt: 'yesterday' })).thenThrows('INVALID_INSTANT');
    });

    it('refuses a session that starts before it is added', () => {
      given([]).when(add({ addedAt: '2026-12-01T09:00:00.000Z' })).thenThrows('SESSION_IN_THE_PAST');
    });
  });

  describe('cancelling a session', () => {
    const cancel = { type: 'CancelDiarySession', sessionId: 'session-1', reason: 'clinician-unavailable', cancelledAt: '2026-11-25T08:00:00.000Z' } as const;

    it('cancels the session and names every slot to withdraw', () => {
      given([added(add())])
        .when(cancel)
        .then([
          {
            type: 'DiarySessionCancelled',
            data: {
              sessionId: 'session-1',
              clinicianId: 'clinician-1',
              reason: 'clinician-unavailable',
              slotIds: [slotIdFor('session-1', 0), slotIdFor('session-1', 1)],
              cancelledAt: '2026-11-25T08:00:00.000Z',
            },
          },
        ]);
    });

    it('returns no events when the session is already cancelled', () => {
      const events = diaryDecider.decide(cancel, diaryDecider.evolve(diaryDecider.initialState, added(add())));
      given([added(add()), ...events]).when(cancel).then([]);
    });

    it('refuses to cancel a session that does not exist', () => {
      given([]).when(cancel).thenThrows('SESSION_NOT_FOUND');
      given([added(add())]).when({ ...cancel, sessionId: 'session-9' }).thenThrows('SESSION_NOT_FOUND');
    });

    it('refuses to cancel a session that has started', () => {
      given([added(add())]).when({ ...cancel, cancelledAt: '2026-12-01T09:00:00.000Z' }).thenThrows('SESSION_ALREADY_STARTED');
    });

    it('refuses an unknown reason', () => {
      given([added(add())]).when({ ...cancel, reason: 'bored' as never }).thenThrows('INVALID_REASON');
    });
  });
});
