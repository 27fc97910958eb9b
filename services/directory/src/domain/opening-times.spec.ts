import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '@stepwell/contracts';
import { addDaysToDate, nextLastSundayOf, testNow } from '@stepwell/testing';
import { Temporal } from 'temporal-polyfill';
import type { OrukRecord } from './oruk-records';
import { openingState, openingWindows } from './opening-times';

// Every date here is derived from the test clock: the next clock changes (last Sundays of March and October) and the
// next summer bank holiday (last Monday of August, Banking and Financial Dealings Act 1971 Schedule 1) after them.
const spring = nextLastSundayOf(3, 14);
const autumn = nextLastSundayOf(10, 14);
const summerBankHoliday = (() => {
  for (let year = Number(spring.slice(0, 4)); ; year++) {
    const lastOfAugust = new Date(Date.UTC(year, 8, 0));
    const monday = addDaysToDate(lastOfAugust.toISOString().slice(0, 10), -((lastOfAugust.getUTCDay() + 6) % 7));
    if (monday > addDaysToDate(new Date(testNow()).toISOString().slice(0, 10), 14)) return monday;
  }
})();

/** A drop-in open on Sundays and Mondays, 09:30–16:30 London time, shut on bank holidays. */
const dropIn: OrukRecord = {
  id: 'svc-1',
  schedules: [{ id: 'sch-1', freq: 'WEEKLY', byday: 'SU,MO', opens_at: '09:30', closes_at: '16:30' }],
  stepwell_bank_holidays: 'closed',
} as OrukRecord;

/** The same, open on bank holidays (Easter Monday can be the day after the spring clock change, as in 2027). */
const everyWeek = { ...dropIn, stepwell_bank_holidays: 'open' } as OrukRecord;

const day = (date: string) => Temporal.PlainDate.from(date);
const windowsOn = (service: OrukRecord, date: string) => openingWindows(service, day(date), day(date)).windows;

describe('opening times (RRULE in Europe/London)', () => {
  it('keeps 09:30 at 09:30 London time across the spring clock change (GMT → BST)', () => {
    expect(windowsOn(everyWeek, addDaysToDate(spring, -7))).toEqual([{ opens_at: `${addDaysToDate(spring, -7)}T09:30:00Z`, closes_at: `${addDaysToDate(spring, -7)}T16:30:00Z` }]);
    expect(windowsOn(everyWeek, spring)).toEqual([{ opens_at: `${spring}T08:30:00Z`, closes_at: `${spring}T15:30:00Z` }]);
    expect(windowsOn(everyWeek, addDaysToDate(spring, 1))).toEqual([
      { opens_at: `${addDaysToDate(spring, 1)}T08:30:00Z`, closes_at: `${addDaysToDate(spring, 1)}T15:30:00Z` },
    ]);
  });

  it('keeps 09:30 at 09:30 London time across the autumn clock change (BST → GMT)', () => {
    expect(windowsOn(everyWeek, addDaysToDate(autumn, -7))).toEqual([{ opens_at: `${addDaysToDate(autumn, -7)}T08:30:00Z`, closes_at: `${addDaysToDate(autumn, -7)}T15:30:00Z` }]);
    expect(windowsOn(everyWeek, autumn)).toEqual([{ opens_at: `${autumn}T09:30:00Z`, closes_at: `${autumn}T16:30:00Z` }]);
  });

  it('answers open now and the next opening on the day the clocks go forward', () => {
    const before = openingState(everyWeek, `${spring}T08:15:00Z`); // 09:15 BST
    expect(before).toMatchObject({ known: true, open_now: false, next_opening: { opens_at: `${spring}T08:30:00Z` } });
    const during = openingState(everyWeek, `${spring}T08:45:00Z`); // 09:45 BST; 08:45 GMT would still be shut
    expect(during).toMatchObject({ open_now: true, current: { closes_at: `${spring}T15:30:00Z` } });
    expect(during.next_opening?.opens_at).toBe(`${addDaysToDate(spring, 1)}T08:30:00Z`);
  });

  it('is shut on a bank holiday Monday when the service closes on bank holidays, and open the Mondays either side', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.dates).toContain(summerBankHoliday);
    expect(windowsOn(dropIn, summerBankHoliday)).toEqual([]);
    expect(windowsOn(dropIn, addDaysToDate(summerBankHoliday, -7))).toHaveLength(1);
    expect(windowsOn(dropIn, addDaysToDate(summerBankHoliday, 7))).toHaveLength(1);
    const state = openingState(dropIn, `${summerBankHoliday}T10:00:00Z`); // 11:00 BST on the bank holiday
    expect(state.open_now).toBe(false);
    expect(state.next_opening?.opens_at).toBe(`${addDaysToDate(summerBankHoliday, 6)}T08:30:00Z`); // the Sunday after
    // A service that opens on bank holidays as usual is open.
    expect(windowsOn(everyWeek, summerBankHoliday)).toHaveLength(1);
  });

  it('lets a holiday schedule close a run of days or set other hours, and says when nothing can be evaluated', () => {
    const sunday = addDaysToDate(spring, 7);
    const monday = addDaysToDate(spring, 8);
    const holidays = {
      ...dropIn,
      holiday_schedules: [
        { id: 'h1', closed: true, start_date: sunday, end_date: sunday },
        { id: 'h2', closed: false, start_date: monday, end_date: monday, opens_at: '10:00', closes_at: '12:00' },
      ],
    } as OrukRecord;
    expect(windowsOn(holidays, sunday)).toEqual([]);
    expect(windowsOn(holidays, monday)).toEqual([{ opens_at: `${monday}T09:00:00Z`, closes_at: `${monday}T11:00:00Z` }]);
    expect(openingState({ id: 'x', schedules: [{ id: 's', description: 'Ring for times' }] } as OrukRecord, `${spring}T12:00:00Z`)).toMatchObject({
      known: false,
      open_now: false,
      next_opening: null,
    });
  });

  it('expands a monthly rule (first Tuesday) and bounds it by valid_to', () => {
    const from = day(spring);
    const group = { id: 'g', schedules: [{ id: 's', freq: 'MONTHLY', byday: '1TU', opens_at: '18:30', closes_at: '20:00' }] } as OrukRecord;
    const { windows } = openingWindows(group, from, from.add({ days: 92 }));
    expect(windows).toHaveLength(3);
    for (const w of windows) {
      const opens = Temporal.Instant.from(w.opens_at).toZonedDateTimeISO('Europe/London');
      expect([opens.dayOfWeek, opens.day <= 7, opens.hour, opens.minute]).toEqual([2, true, 18, 30]);
    }
    const ended = { id: 'g', schedules: [{ ...(group['schedules'] as OrukRecord[])[0], valid_to: from.add({ days: 40 }).toString() }] } as OrukRecord;
    expect(openingWindows(ended, from, from.add({ days: 92 })).windows.length).toBeLessThan(3);
  });

  it('treats closing before opening as running past midnight, open after midnight', () => {
    const night = { id: 'n', schedules: [{ id: 's', freq: 'WEEKLY', byday: 'SA', opens_at: '22:00', closes_at: '02:00' }] } as OrukRecord;
    const saturday = addDaysToDate(autumn, -8);
    expect(openingState(night, `${addDaysToDate(saturday, 1)}T00:30:00Z`).open_now).toBe(true); // 01:30 BST on Sunday
  });
});
