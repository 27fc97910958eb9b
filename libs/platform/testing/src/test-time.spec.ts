import { addDaysToDate, nextLastSundayOf, testClockShiftMs, testNow } from './test-time';

describe('test time', () => {
  it('finds the next last Sunday of March and October after the test clock, always a Sunday in that month and in the future', () => {
    for (const month of [3, 10] as const) {
      const date = nextLastSundayOf(month);
      const day = new Date(`${date}T00:00:00Z`);
      expect(day.getUTCDay()).toBe(0);
      expect(day.getUTCMonth()).toBe(month - 1);
      expect(new Date(`${addDaysToDate(date, 7)}T00:00:00Z`).getUTCMonth()).not.toBe(month - 1);
      expect(day.getTime()).toBeGreaterThan(testNow());
    }
  });

  it('reads the shift in whole days and refuses anything else', () => {
    expect(testClockShiftMs({ STEPWELL_TEST_CLOCK_SHIFT_DAYS: '730' })).toBe(730 * 86_400_000);
    expect(testClockShiftMs({})).toBe(0);
    expect(() => testClockShiftMs({ STEPWELL_TEST_CLOCK_SHIFT_DAYS: 'two years' })).toThrow(RangeError);
  });
});
