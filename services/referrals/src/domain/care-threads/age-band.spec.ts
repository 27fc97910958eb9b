import { ageBandOn, ageOn } from './age-band';

describe('age band at referral (gap metrics by equity, issue 18)', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2000-06-15', '2018-06-14')).toBe(17);
    expect(ageOn('2000-06-15', '2018-06-15')).toBe(18);
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
  });

  it('puts each boundary in its band', () => {
    expect(ageBandOn('2000-06-15', '2018-06-14')).toBe('under-18');
    expect(ageBandOn('2000-06-15', '2018-06-15')).toBe('18-25');
    expect(ageBandOn('2000-06-15', '2026-06-14')).toBe('18-25');
    expect(ageBandOn('2000-06-15', '2026-06-15')).toBe('26-64');
    expect(ageBandOn('1960-06-15', '2025-06-14')).toBe('26-64');
    expect(ageBandOn('1960-06-15', '2025-06-15')).toBe('65-and-over');
  });

  it('tells nothing for an erased or impossible date of birth', () => {
    expect(ageBandOn('[erased]', '2026-01-01')).toBeNull();
    expect(ageBandOn('2030-01-01', '2026-01-01')).toBeNull();
  });
});
