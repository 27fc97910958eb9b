import {
  SESSION_TIME_POLICY,
  addDaysToLocalDate,
  daysBetweenLocalDates,
  isoDayOfWeek,
  londonDateOf,
  londonDaysBefore,
  londonOffsetMinutes,
  londonToInstant,
  londonWallClock,
  resolveLondonWallClock,
} from './europe-london';

describe('Europe/London wall clock', () => {
  it('counts "the last 28 days" in London calendar days across a clock change, not in 24-hour blocks', () => {
    // 12:00 BST on 10 April → 12:00 GMT on 13 March (24-hour blocks would give 11:00 GMT)
    expect(londonDaysBefore('2026-04-10T11:00:00.000Z', 28)).toBe('2026-03-13T12:00:00.000Z');
    // 12:00 GMT on 5 November → 12:00 BST on 8 October
    expect(londonDaysBefore('2026-11-05T12:00:00.000Z', 28)).toBe('2026-10-08T11:00:00.000Z');
    // no change in between: plain days
    expect(londonDaysBefore('2026-07-31T08:15:30.250Z', 90)).toBe('2026-05-02T08:15:30.250Z');
    expect(londonWallClock(londonDaysBefore('2026-04-10T11:00:00.000Z', 90))).toEqual({ date: '2026-01-10', time: '12:00' });
  });

  it('reads GMT in winter and BST in summer', () => {
    expect(londonToInstant('2026-01-15', '09:00')).toBe('2026-01-15T09:00:00.000Z');
    expect(londonToInstant('2026-07-15', '09:00')).toBe('2026-07-15T08:00:00.000Z');
    expect(londonOffsetMinutes('2026-01-15T12:00:00Z')).toBe(0);
    expect(londonOffsetMinutes('2026-07-15T12:00:00Z')).toBe(60);
  });

  it('turns the clocks forward at 01:00 UTC on the last Sunday of March', () => {
    expect(londonWallClock('2026-03-29T00:59:00Z')).toEqual({ date: '2026-03-29', time: '00:59' });
    expect(londonWallClock('2026-03-29T01:00:00Z')).toEqual({ date: '2026-03-29', time: '02:00' });
    expect(londonToInstant('2026-03-29', '00:30')).toBe('2026-03-29T00:30:00.000Z');
    expect(londonToInstant('2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(londonToInstant('2026-03-29', '09:00')).toBe('2026-03-29T08:00:00.000Z');
  });

  it('turns the clocks back at 01:00 UTC on the last Sunday of October', () => {
    expect(londonWallClock('2026-10-25T00:59:00Z')).toEqual({ date: '2026-10-25', time: '01:59' });
    expect(londonWallClock('2026-10-25T01:00:00Z')).toEqual({ date: '2026-10-25', time: '01:00' });
    expect(londonToInstant('2026-10-25', '00:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(londonToInstant('2026-10-25', '02:00')).toBe('2026-10-25T02:00:00.000Z');
    expect(londonToInstant('2026-10-25', '09:00')).toBe('2026-10-25T09:00:00.000Z');
  });

  it('finds that 01:00 to 01:59 never happens on the spring Sunday', () => {
    expect(resolveLondonWallClock('2026-03-29', '01:00')).toEqual({
      kind: 'gap',
      shiftedForward: '2026-03-29T01:00:00.000Z',
    });
    expect(resolveLondonWallClock('2026-03-29', '01:59').kind).toBe('gap');
  });

  it('finds that 01:00 to 01:59 happens twice on the autumn Sunday, first in BST then in GMT', () => {
    expect(resolveLondonWallClock('2026-10-25', '01:30')).toEqual({
      kind: 'overlap',
      earlier: '2026-10-25T00:30:00.000Z',
      later: '2026-10-25T01:30:00.000Z',
    });
  });

  it('refuses a session time in the spring gap and takes the first occurrence of one in the autumn overlap', () => {
    expect(SESSION_TIME_POLICY).toBe('earlier-or-reject');
    expect(() => londonToInstant('2026-03-29', '01:30', SESSION_TIME_POLICY)).toThrow(
      expect.objectContaining({ code: 'LOCAL_TIME_IN_DST_GAP' }),
    );
    expect(londonToInstant('2026-10-25', '01:30', SESSION_TIME_POLICY)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('offers the other policies for callers that need them', () => {
    expect(() => londonToInstant('2026-10-25', '01:30', 'reject')).toThrow(
      expect.objectContaining({ code: 'LOCAL_TIME_AMBIGUOUS' }),
    );
    expect(londonToInstant('2026-03-29', '01:30', 'compatible')).toBe('2026-03-29T01:30:00.000Z');
    expect(londonWallClock('2026-03-29T01:30:00.000Z').time).toBe('02:30');
  });

  it('round-trips every quarter hour of both change days', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const resolved = resolveLondonWallClock(date, time);
        if (resolved.kind === 'gap') continue;
        const instant = resolved.kind === 'unique' ? resolved.instant : resolved.later;
        expect(londonWallClock(instant)).toEqual({ date, time });
      }
    }
  });

  it('refuses malformed and impossible dates and times', () => {
    expect(() => londonToInstant('2026-02-30', '09:00')).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_DATE' }));
    expect(() => londonToInstant('2026-02-01', '24:00')).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_TIME' }));
    expect(() => londonToInstant('2026-02-01', '9:00')).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_TIME' }));
  });

  it('does calendar arithmetic on local dates', () => {
    expect(londonDateOf('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(addDaysToLocalDate('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetweenLocalDates('2026-03-01', '2026-04-12')).toBe(42);
    expect(isoDayOfWeek('2026-11-21')).toBe(6);
    expect(isoDayOfWeek('2026-11-22')).toBe(7);
  });
});
