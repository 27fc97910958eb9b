import { describe, expect, it } from 'vitest';
import { type BarBox, barChartModel, changeInWords, chartModel, type ChartBox, type MeasurePoint, type MeasureSeries } from './chart';

// A box whose plot is 0…100 both ways: y = 100 − 100 × value / max.
const BOX: ChartBox = { width: 100, height: 100, pad: { left: 0, right: 0, top: 0, bottom: 0 } };
const point = (total: number, day: number): MeasurePoint => ({
  responseId: `r${day}`, episodeId: 'e1', total, severityBand: null, atCaseness: null, takenAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
});
const phq9 = (...totals: number[]): MeasureSeries => ({
  code: 'PHQ-9', maxTotal: 27, casenessCutOff: 10, reliableChange: 6, ruleSetVersion: 'v1', items: totals.map((t, i) => point(t, i + 1)), total: totals.length,
});

describe('the outcome chart’s scale, caseness line and reliable-change band', () => {
  it('scales 0…27 for PHQ-9: 0 at the bottom, 27 at the top, the caseness line at 10', () => {
    const model = chartModel(phq9(27, 0), BOX);
    expect(model.max).toBe(27);
    expect(model.points.map((p) => [p.x, p.y])).toEqual([[0, 0], [100, 100]]);
    expect(model.casenessY).toBeCloseTo(100 - (100 * 10) / 27, 6);
    expect(model.yTicks.map((t) => t.value)).toEqual([0, 10, 27]);
  });

  it('puts one score in the middle of the plot', () => {
    const [only, ...rest] = chartModel(phq9(18), BOX).points;
    expect(rest).toEqual([]);
    expect(only?.x).toBe(50);
    expect(only?.y).toBeCloseTo(100 - (100 * 18) / 27, 6);
  });

  it('draws the band as the first score ± the reliable change, clipped to the scale', () => {
    expect(chartModel(phq9(14, 8), BOX).band).toMatchObject({ from: 8, to: 20 });
    expect(chartModel(phq9(3), BOX).band).toMatchObject({ from: 0, to: 9, bottom: 100 });
    expect(chartModel(phq9(25), BOX).band).toMatchObject({ from: 19, to: 27, top: 0 });
  });

  it('uses GAD-7’s own figures from the series: scale 0…21, caseness 8, reliable change 4', () => {
    const gad7: MeasureSeries = { ...phq9(12), code: 'GAD-7', maxTotal: 21, casenessCutOff: 8, reliableChange: 4 };
    const model = chartModel(gad7, BOX);
    expect(model.max).toBe(21);
    expect(model.casenessY).toBeCloseTo(100 - (100 * 8) / 21, 6);
    expect(model.band).toMatchObject({ from: 8, to: 16 });
  });

  it('has no band and no line when the series gives none, and no points when there are no scores', () => {
    const model = chartModel({ ...phq9(), casenessCutOff: null, reliableChange: null }, BOX);
    expect(model).toMatchObject({ points: [], band: null, casenessY: null });
    expect(model.yTicks.map((t) => t.value)).toEqual([0, 27]);
  });

  it('says a change is reliable only at the reliable-change size or more, as the service’s rule does', () => {
    expect(changeInWords(phq9(16, 10))).toMatch(/^Reliable improvement: -6/);
    expect(changeInWords(phq9(16, 11))).toMatch(/^No reliable change: -5/);
    expect(changeInWords(phq9(8, 14))).toMatch(/^Reliable deterioration: \+6/);
    expect(changeInWords(phq9(8))).toBeNull();
  });
});

describe('the dashboards’ bar chart', () => {
  const box: BarBox = { width: 300, rowHeight: 10, pad: { left: 100, right: 100, top: 0, bottom: 0 } };
  it('scales bars and standard lines on a fixed 0…100 scale', () => {
    const model = barChartModel(
      [
        { key: 'a', label: 'Recovery', value: 50, display: '50%', standard: { value: 75, label: 'national standard 75%' } },
        { key: 'b', label: 'Reliable deterioration', value: 10, display: '10%' },
      ],
      100,
      box,
    );
    expect(model.max).toBe(100);
    expect(model.rows.map((r) => [r.width, r.standardX, r.y])).toEqual([[50, 175, 2], [10, null, 12]]);
    expect(model.xTicks.map((t) => [t.value, t.x])).toEqual([[0, 100], [50, 150], [100, 200]]);
    expect(model.height).toBe(20);
  });

  it('draws no bar for a missing (suppressed) figure, and scales to the largest bar or standard otherwise', () => {
    const model = barChartModel(
      [
        { key: 'a', label: 'DEMGP1', value: null, display: 'suppressed (fewer than 5)' },
        { key: 'b', label: 'DEMGP2', value: 8, display: '8 people', standard: { value: 16, label: 'a line' } },
      ],
      undefined,
      box,
    );
    expect(model.max).toBe(16);
    expect(model.rows.map((r) => r.width)).toEqual([0, 50]);
    expect(barChartModel([], undefined, box).max).toBe(1);
  });

  it('cuts a long label with an ellipsis for the margin and keeps the whole label in the datum', () => {
    const long = 'Demo Riverside Surgery (synthetic GP practice)';
    const [row] = barChartModel([{ key: 'a', label: long, value: 1, display: '1' }], undefined, box).rows;
    expect(row?.label).toBe('Demo Riverside Surgery (syn…');
    expect(row?.label.length).toBeLessThanOrEqual(28);
    expect(row?.datum.label).toBe(long);
  });
});
