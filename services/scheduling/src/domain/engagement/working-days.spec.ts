import { addWorkingDays, isWorkingDay } from './working-days';

describe('working days', () => {
  it('counts two working days from midweek', () => {
    expect(addWorkingDays('2026-11-17', 2, [])).toBe('2026-11-19'); // Tuesday → Thursday
  });

  it('skips the weekend', () => {
    expect(addWorkingDays('2026-11-20', 2, [])).toBe('2026-11-24'); // Friday → Tuesday
    expect(addWorkingDays('2026-11-21', 2, [])).toBe('2026-11-24'); // Saturday → Tuesday
    expect(addWorkingDays('2026-11-22', 2, [])).toBe('2026-11-24'); // Sunday → Tuesday
  });

  it('skips bank holidays given as input', () => {
    // Friday 1 May 2026, the early May bank holiday on Monday 4 May.
    expect(addWorkingDays('2026-05-01', 2, ['2026-05-04'])).toBe('2026-05-06');
    // Christmas: Thursday 24 December 2026; 25 and 28 December are bank holidays.
    expect(addWorkingDays('2026-12-24', 2, ['2026-12-25', '2026-12-28'])).toBe('2026-12-30');
  });

  it('knows a working day', () => {
    expect(isWorkingDay('2026-11-23', [])).toBe(true);
    expect(isWorkingDay('2026-11-22', [])).toBe(false);
    expect(isWorkingDay('2026-12-25', ['2026-12-25'])).toBe(false);
  });

  it('refuses malformed dates', () => {
    expect(() => addWorkingDays('23/11/2026', 2, [])).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_DATE' }));
    expect(() => addWorkingDays('2026-11-23', 2, ['Boxing Day'])).toThrow(expect.objectContaining({ code: 'INVALID_LOCAL_DATE' }));
  });
});
