import { testNow } from '@stepwell/testing';
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
    // Month ends of this year and of the next leap year, derived from the test clock (no calendar date that ages).
    const year = new Date(testNow()).getUTCFullYear();
    const leap = [0, 1, 2, 3].map((k) => year + k).find((y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) as number;
    for (const today of [`${year}-03-16`, `${year}-02-28`, `${year}-03-01`, `${year}-12-31`, `${leap}-02-29`, `${leap}-03-01`]) {
      const before = reviewedBefore(today);
      expect(isReviewOverdue(before, today)).toBe(false);
      const dayEarlier = new Date(Date.parse(before) - 86_400_000).toISOString().slice(0, 10);
      expect(isReviewOverdue(dayEarlier, today)).toBe(true);
    }
  });
});
