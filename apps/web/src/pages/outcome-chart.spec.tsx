import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MeasureSeries } from '../lib/chart';
import { Chart } from './outcome-chart';

const series: MeasureSeries = {
  code: 'GAD-7', maxTotal: 21, casenessCutOff: 8, reliableChange: 4, ruleSetVersion: 'v1', total: 2,
  items: [
    { responseId: 'r1', episodeId: 'e1', total: 12, severityBand: 'moderate', atCaseness: true, takenAt: '2026-01-05T10:00:00.000Z' },
    { responseId: 'r2', episodeId: 'e1', total: 6, severityBand: 'mild', atCaseness: false, takenAt: '2026-02-05T10:00:00.000Z' },
  ],
};

describe('the outcome chart as markup', () => {
  const html = renderToStaticMarkup(<Chart series={series} />);

  it('is one image named by its title and described by its description, which points to the table', () => {
    expect(html).toMatch(/^<svg role="img" aria-labelledby="chart-title-GAD-7 chart-desc-GAD-7"/);
    expect(html).toContain('<title id="chart-title-GAD-7">GAD-7 scores over time</title>');
    expect(html).toMatch(/<desc id="chart-desc-GAD-7">2 score\(s\) out of 21, latest 6 on .*Dashed line: caseness at 8\..*Shaded band: within reliable change of the first score \(8 to 16\)\..*The table below lists every score\.<\/desc>/);
  });

  it('draws one point per score, the caseness line and the band', () => {
    expect(html.match(/data-testid="chart-point"/g)).toHaveLength(2);
    expect(html).toContain('caseness ≥ 8');
    expect(html).toContain('data-testid="reliable-change-band"');
  });
});
