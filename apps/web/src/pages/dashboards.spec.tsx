import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from './dashboards';

describe('a dashboard bar chart as markup', () => {
  const html = renderToStaticMarkup(
    <BarChart
      id="rates"
      title="Outcome rates against the national standards"
      unit="%"
      scaleMax={100}
      data={[
        { key: 'recovery', label: 'Recovery', value: 62.5, display: '62.5% (5 of 8)', standard: { value: 50, label: 'national standard 50%' } },
        { key: 'gp2', label: 'DEMGP2', value: null, display: 'suppressed (fewer than 5)' },
      ]}
    />,
  );

  it('is one image named by its title and described in words, standards included', () => {
    expect(html).toContain('<svg role="img" aria-labelledby="rates-title rates-desc"');
    expect(html).toContain('<title id="rates-title">Outcome rates against the national standards</title>');
    expect(html).toContain('<desc id="rates-desc">Recovery: 62.5% (5 of 8), national standard 50%. DEMGP2: suppressed (fewer than 5).</desc>');
  });

  it('labels the standard line, draws no bar for a suppressed figure, and gives every figure as a table under details', () => {
    expect(html.match(/data-testid="standard-line"/g)).toHaveLength(1);
    expect(html).toContain('national standard 50%</text>');
    expect(html.match(/<rect /g)).toHaveLength(1);
    expect(html).toMatch(/<details class="nhsuk-details">.*<table class="nhsuk-table" data-testid="table-rates">/s);
    expect(html).toMatch(/<th scope="row" class="nhsuk-table__header">DEMGP2<\/th><td class="nhsuk-table__cell">suppressed \(fewer than 5\)<\/td><td class="nhsuk-table__cell">none set<\/td>/);
  });
});
