import { median, percentile, shareAtMost } from './wait-statistics';

describe('wait statistics', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('takes the nearest-rank 90th percentile, always an observed value', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile([...ten, 11], 90)).toBe(10);
    expect(percentile([42], 90)).toBe(42);
    expect(percentile([], 90)).toBeNull();
    expect(percentile(ten, 100)).toBe(10);
    expect(() => percentile(ten, 0)).toThrow(RangeError);
  });

  it('counts the share at or below a limit', () => {
    expect(shareAtMost([10, 42, 43, 100], 42)).toBe(0.5);
    expect(shareAtMost([], 42)).toBeNull();
  });
});
