import { testNow } from '@stepwell/testing';
import { addDays, addWorkingDays, dueAt, ENGLAND_AND_WALES_BANK_HOLIDAYS, isoDayOfWeek, londonDateOf, londonStartOf, type BankHolidayCalendar } from './working-days';

const calendar = ENGLAND_AND_WALES_BANK_HOLIDAYS;
const today = londonDateOf(testNow());

/** The first date on or after `from` for which `test` holds (dates relative to the test clock, never fixed). */
function firstDate(from: string, test: (date: string) => boolean): string {
  for (let date = from, i = 0; i < 800; date = addDays(date, 1), i++) if (test(date)) return date;
  throw new Error('no such date within 800 days');
}
const holiday = (date: string) => calendar.dates.includes(date);
/** Noon in London on a date (an instant). */
const noonOn = (date: string) => new Date(Date.parse(londonStartOf(date)) + 12 * 3_600_000).toISOString();

describe('due time in working days (England and Wales)', () => {
  it('counts over a weekend: a Friday request with a 2-day target is due by the end of Tuesday', () => {
    // A Friday whose following Monday and Tuesday are not bank holidays.
    const friday = firstDate(today, (d) => isoDayOfWeek(d) === 5 && !holiday(addDays(d, 3)) && !holiday(addDays(d, 4)));
    expect(addWorkingDays(friday, 2, calendar)).toBe(addDays(friday, 4));
    expect(dueAt(noonOn(friday), 2)).toBe(londonStartOf(addDays(friday, 5)));
  });

  it('a request arriving on a Saturday counts from the Monday after', () => {
    const saturday = firstDate(today, (d) => isoDayOfWeek(d) === 6 && !holiday(addDays(d, 2)) && !holiday(addDays(d, 3)));
    expect(addWorkingDays(saturday, 2, calendar)).toBe(addDays(saturday, 3));
  });

  it('skips a Monday bank holiday: a Friday request with a 2-day target is due by the end of Wednesday', () => {
    const mondayHoliday = firstDate(today, (d) => holiday(d) && isoDayOfWeek(d) === 1 && !holiday(addDays(d, 1)) && !holiday(addDays(d, 2)));
    const friday = addDays(mondayHoliday, -3);
    expect(addWorkingDays(friday, 2, calendar)).toBe(addDays(mondayHoliday, 2));
    expect(dueAt(noonOn(friday), 2)).toBe(londonStartOf(addDays(mondayHoliday, 3)));
  });

  it('skips Good Friday and Easter Monday together', () => {
    // Good Friday: a Friday bank holiday whose Monday after is one too.
    const goodFriday = firstDate(today, (d) => holiday(d) && isoDayOfWeek(d) === 5 && holiday(addDays(d, 3)));
    const thursday = addDays(goodFriday, -1);
    expect(addWorkingDays(thursday, 1, calendar)).toBe(addDays(goodFriday, 4));
  });

  it('is due at London midnight, in summer time (23:00 UTC) as in winter (00:00 UTC)', () => {
    const july = firstDate(today, (d) => d.slice(5, 7) === '07');
    const january = firstDate(today, (d) => d.slice(5, 7) === '01');
    expect(londonStartOf(july)).toBe(`${addDays(july, -1)}T23:00:00.000Z`);
    expect(londonStartOf(january)).toBe(`${january}T00:00:00.000Z`);
  });

  it('refuses to count past the end of the bank holiday data rather than guess', () => {
    const short: BankHolidayCalendar = { coversThrough: addDays(today, 1), dates: [] };
    expect(() => addWorkingDays(addDays(today, 1), 5, short)).toThrow(expect.objectContaining({ code: 'CALENDAR_NOT_COVERED' }));
  });
});

describe('the England and Wales bank holiday data', () => {
  it('covers at least a year beyond the test clock (extend bank-holidays.england-and-wales.json from GOV.UK before this fails)', () => {
    expect(calendar.coversThrough >= addDays(today, 366)).toBe(true);
  });

  it('lists 8 dates a year in order, none at a weekend, up to its coverage', () => {
    const years = new Map<string, number>();
    calendar.dates.forEach((d, i) => {
      expect(isoDayOfWeek(d)).toBeLessThanOrEqual(5);
      if (i > 0) expect(d > (calendar.dates[i - 1] ?? '')).toBe(true);
      years.set(d.slice(0, 4), (years.get(d.slice(0, 4)) ?? 0) + 1);
    });
    expect([...years.values()].every((n) => n >= 8)).toBe(true);
    expect(calendar.dates.at(-1)! <= calendar.coversThrough).toBe(true);
  });
});
