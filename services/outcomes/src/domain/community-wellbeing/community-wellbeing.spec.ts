import { communityMetricScore } from './community-wellbeing';

describe('a social prescription’s wellbeing measure on outcomes’ scale (issue 17)', () => {
  it('converts a SWEMWBS raw total to the metric score with the published table, as a v2 response here', () => {
    // Warwick Medical School's conversion table: raw 7 → 7.00, 17 → 16.88, 23 → 20.73, 35 → 35.00.
    expect(communityMetricScore({ measure: 'SWEMWBS', total: 7, ons4Items: null })).toBe(7);
    expect(communityMetricScore({ measure: 'SWEMWBS', total: 17, ons4Items: null })).toBe(16.88);
    expect(communityMetricScore({ measure: 'SWEMWBS', total: 23, ons4Items: null })).toBe(20.73);
    expect(communityMetricScore({ measure: 'SWEMWBS', total: 35, ons4Items: null })).toBe(35);
  });

  it('gives no metric score for ONS4 (item by item) or a raw total outside 7–35', () => {
    expect(communityMetricScore({ measure: 'ONS4', total: null, ons4Items: [6, 7, 5, 4] })).toBeNull();
    expect(communityMetricScore({ measure: 'SWEMWBS', total: 36, ons4Items: null })).toBeNull();
  });
});
