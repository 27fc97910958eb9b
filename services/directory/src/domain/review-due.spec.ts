import { isReviewOverdue, reviewDueOn, reviewedBefore } from './review-due';

describe('the 12-month review', () => {
  it('falls due 12 calendar months after the last review, on the last day of a shorter month', () => {
    expect(reviewDueOn('2025-03-15')).toBe('2026-03-15');
    expect(reviewDueOn('2024-02-29')).toBe('2025-02-28');
  });

  it('is overdue the day after it fell due, not on the day', () => {
    expect(isReviewOverdue('2025-03-15', '2026-03-15')).toBe(false);
    expect(isReviewOverdue('2025-03-15', '2026-03-16')).toBe(true);
  });

  it('names the earliest review date still current, agreeing with isReviewOverdue around month ends', () => {
    for (const today of ['2026-03-16', '2025-02-28', '2025-03-01', '2026-12-31', '2028-02-29']) {
      const before = reviewedBefore(today);
      expect(isReviewOverdue(before, today)).toBe(false);
      const dayEarlier = new Date(Date.parse(before) - 86_400_000).toISOString().slice(0, 10);
      expect(isReviewOverdue(dayEarlier, today)).toBe(true);
    }
  });
});
