import { suppressedCount, suppressedFigure } from './small-numbers';

describe('small-number suppression', () => {
  it('hides counts from 1 to 4 and shows 0 and 5 or more', () => {
    expect([0, 1, 4, 5, 12].map(suppressedCount)).toEqual([0, null, null, 5, 12]);
  });
  it('hides figures computed from fewer than 5 people or events', () => {
    expect(suppressedFigure(4, 0.75)).toBeNull();
    expect(suppressedFigure(5, 0.8)).toBe(0.8);
    expect(suppressedFigure(9, null)).toBeNull();
  });
});
