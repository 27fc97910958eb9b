import { bookabilityOf, embargoLiftsAt, isBookable } from './slot-bookability';

describe('slot bookability', () => {
  it('books an unembargoed slot any time before it starts, never once it has started', () => {
    const slot = { startsAt: '2026-12-01T09:00:00.000Z', embargo: 'none' } as const;
    expect(embargoLiftsAt(slot)).toBeNull();
    expect(isBookable(slot, '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(isBookable(slot, '2026-12-01T08:59:59.999Z')).toBe(true);
    expect(bookabilityOf(slot, '2026-12-01T09:00:00.000Z')).toEqual({ bookable: false, reason: 'in-the-past' });
    expect(isBookable(slot, '2026-12-02T09:00:00.000Z')).toBe(false);
  });

  it('opens a same-day slot at midnight of its own day in winter', () => {
    const slot = { startsAt: '2026-12-01T14:00:00.000Z', embargo: 'same-day' } as const;
    expect(bookabilityOf(slot, '2026-11-30T23:59:00.000Z')).toEqual({
      bookable: false,
      reason: 'embargoed',
      opensAt: '2026-12-01T00:00:00.000Z',
    });
    expect(isBookable(slot, '2026-12-01T00:00:00.000Z')).toBe(true);
    expect(isBookable(slot, '2026-12-01T13:59:00.000Z')).toBe(true);
    expect(isBookable(slot, '2026-12-01T14:00:00.000Z')).toBe(false);
  });

  it('opens a same-day slot at local midnight in summer, which is 23:00 UTC the day before', () => {
    const slot = { startsAt: '2026-07-01T09:00:00.000Z', embargo: 'same-day' } as const;
    expect(embargoLiftsAt(slot)).toBe('2026-06-30T23:00:00.000Z');
    expect(isBookable(slot, '2026-06-30T22:59:00.000Z')).toBe(false);
    expect(isBookable(slot, '2026-06-30T23:30:00.000Z')).toBe(true);
  });

  it('opens same-day slots at the right midnight on both clock-change Sundays', () => {
    expect(embargoLiftsAt({ startsAt: '2026-03-29T09:00:00.000Z', embargo: 'same-day' })).toBe('2026-03-29T00:00:00.000Z');
    expect(embargoLiftsAt({ startsAt: '2026-10-25T10:00:00.000Z', embargo: 'same-day' })).toBe('2026-10-24T23:00:00.000Z');
  });

  it('opens a 48-hour slot 48 elapsed hours before it starts', () => {
    const slot = { startsAt: '2026-12-03T09:00:00.000Z', embargo: '48-hours' } as const;
    expect(bookabilityOf(slot, '2026-12-01T08:59:00.000Z')).toEqual({
      bookable: false,
      reason: 'embargoed',
      opensAt: '2026-12-01T09:00:00.000Z',
    });
    expect(isBookable(slot, '2026-12-01T09:00:00.000Z')).toBe(true);
    expect(isBookable(slot, '2026-12-03T09:00:00.000Z')).toBe(false);
  });

  it('counts the 48 hours in elapsed time across the spring change', () => {
    // 10:00 BST on Monday 30 March opens at 09:00 GMT on Saturday 28 March: 48 hours, though the clocks moved.
    expect(embargoLiftsAt({ startsAt: '2026-03-30T09:00:00.000Z', embargo: '48-hours' })).toBe('2026-03-28T09:00:00.000Z');
  });

  it('refuses a malformed now', () => {
    expect(() => isBookable({ startsAt: '2026-12-01T09:00:00.000Z', embargo: 'none' }, 'now')).toThrow(
      expect.objectContaining({ code: 'INVALID_INSTANT' }),
    );
  });
});
