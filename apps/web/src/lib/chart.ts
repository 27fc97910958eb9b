/**
 * The outcome chart's geometry, kept apart from React so that its scaling can be tested: scores over time on a
 * 0…max scale, the caseness cut-off as a line, and the reliable-change band around the first score (a change inside
 * it may be measurement error). The cut-off and the reliable change come from the outcomes service's series
 * (`GET /patients/{id}/measures?code=`), which takes them from its rule set in force — rule set v1
 * (services/outcomes/src/domain/rule-sets/v1.rule-set.ts): PHQ-9 caseness ≥ 10, reliable change 6; GAD-7 caseness
 * ≥ 8, reliable change 4 (NHS Talking Therapies Manual; shared/DOMAIN.md). The browser never has its own copy.
 */
export interface MeasurePoint {
  responseId: string;
  episodeId: string;
  total: number;
  severityBand: string | null;
  atCaseness: boolean | null;
  takenAt: string;
}

export interface MeasureSeries {
  code: string;
  maxTotal: number;
  casenessCutOff: number | null;
  reliableChange: number | null;
  ruleSetVersion: string | null;
  items: MeasurePoint[];
  total: number;
}

export interface ChartBox {
  width: number;
  height: number;
  pad: { left: number; right: number; top: number; bottom: number };
}

export const DEFAULT_BOX: ChartBox = { width: 640, height: 320, pad: { left: 48, right: 24, top: 24, bottom: 48 } };

export interface ChartModel {
  /** The top of the scale: the measure's highest possible total (never below a score shown, never 0). */
  max: number;
  points: Array<{ x: number; y: number; point: MeasurePoint }>;
  /** The cut-off's y; null when the measure has none. */
  casenessY: number | null;
  /** First score ± reliable change, clipped to 0…max, as y coordinates (top < bottom); null without both. */
  band: { top: number; bottom: number; from: number; to: number } | null;
  /** Ticks on the y axis: 0, the cut-off, max. */
  yTicks: Array<{ value: number; y: number }>;
  plot: { left: number; right: number; top: number; bottom: number };
}

export function chartModel(series: MeasureSeries, box: ChartBox = DEFAULT_BOX): ChartModel {
  const plot = { left: box.pad.left, right: box.width - box.pad.right, top: box.pad.top, bottom: box.height - box.pad.bottom };
  const max = Math.max(series.maxTotal, ...series.items.map((p) => p.total), 1);
  const y = (value: number) => plot.bottom - (Math.min(Math.max(value, 0), max) / max) * (plot.bottom - plot.top);
  const n = series.items.length;
  const x = (i: number) => (n <= 1 ? (plot.left + plot.right) / 2 : plot.left + (i / (n - 1)) * (plot.right - plot.left));
  const points = series.items.map((point, i) => ({ x: x(i), y: y(point.total), point }));
  const first = series.items[0];
  const band =
    first && series.reliableChange !== null
      ? (() => {
          const from = Math.max(0, first.total - series.reliableChange);
          const to = Math.min(max, first.total + series.reliableChange);
          return { top: y(to), bottom: y(from), from, to };
        })()
      : null;
  const casenessY = series.casenessCutOff === null ? null : y(series.casenessCutOff);
  const tickValues = [0, ...(series.casenessCutOff === null ? [] : [series.casenessCutOff]), max].filter((v, i, all) => all.indexOf(v) === i);
  return { max, points, casenessY, band, yTicks: tickValues.map((value) => ({ value, y: y(value) })), plot };
}

/** The change from the first score in words, against the reliable change (the same rule the service applies). */
export function changeInWords(series: MeasureSeries): string | null {
  const first = series.items[0];
  const last = series.items[series.items.length - 1];
  if (!first || !last || first === last || series.reliableChange === null) return null;
  const change = last.total - first.total;
  if (Math.abs(change) < series.reliableChange) return `No reliable change: ${change > 0 ? '+' : ''}${change} from the first score (reliable change is ${series.reliableChange} or more).`;
  return `Reliable ${change < 0 ? 'improvement' : 'deterioration'}: ${change > 0 ? '+' : ''}${change} from the first score (reliable change is ${series.reliableChange} or more).`;
}

/**
 * The dashboards' horizontal bar chart (one row per figure), kept apart from React like the outcome chart: each bar
 * is a figure as a service answered it, with the national standard (when the service gives one) as a marked line
 * across its row. A bar with no value (suppressed by the service, or nothing to count) is drawn as no bar; its row
 * still carries its words (`display`), so the chart never shows a missing figure as 0.
 */
export interface BarDatum {
  key: string;
  label: string;
  /** The figure on the chart's scale (a percentage, days, …); null: no bar. */
  value: number | null;
  /** The figure in words, beside the bar ("62.5%", "suppressed (fewer than 5)"). */
  display: string;
  /** The standard to meet on the same scale, from the service's answer; null/absent where none is set. */
  standard?: { value: number; label: string } | null;
}

export interface BarChartModel {
  /** The top of the scale: `scaleMax` when given, else the largest bar or standard (never 0). */
  max: number;
  rows: Array<{
    datum: BarDatum;
    /** The label as drawn: cut with an ellipsis past `BAR_LABEL_MAX` characters (the description and table keep it whole). */
    label: string;
    /** The row's top and the bar's height. */
    y: number;
    height: number;
    /** The bar's width from `plot.left`; 0 without a value. */
    width: number;
    /** x of the standard's line; null without one. */
    standardX: number | null;
  }>;
  /** Ticks on the x axis: 0, the middle and the top of the scale. */
  xTicks: Array<{ value: number; x: number }>;
  plot: { left: number; right: number; top: number; bottom: number };
  height: number;
}

/** The bar chart's width, the height of one row, and the room for labels (left) and figures in words (right). */
export interface BarBox {
  width: number;
  rowHeight: number;
  pad: { left: number; right: number; top: number; bottom: number };
}

/** The longest label the left margin holds at the chart's font size. */
export const BAR_LABEL_MAX = 28;

export const BAR_BOX: BarBox = { width: 640, rowHeight: 52, pad: { left: 200, right: 170, top: 20, bottom: 32 } };

export function barChartModel(data: readonly BarDatum[], scaleMax?: number, box: BarBox = BAR_BOX): BarChartModel {
  const height = box.pad.top + box.pad.bottom + Math.max(data.length, 1) * box.rowHeight;
  const plot = { left: box.pad.left, right: box.width - box.pad.right, top: box.pad.top, bottom: height - box.pad.bottom };
  const max = scaleMax ?? Math.max(1, ...data.map((d) => d.value ?? 0), ...data.map((d) => d.standard?.value ?? 0));
  const x = (value: number) => ((Math.min(Math.max(value, 0), max) / max) * (plot.right - plot.left));
  const rows = data.map((datum, i) => ({
    datum,
    label: datum.label.length > BAR_LABEL_MAX ? `${datum.label.slice(0, BAR_LABEL_MAX - 1).trimEnd()}…` : datum.label,
    y: plot.top + i * box.rowHeight + box.rowHeight * 0.2,
    height: box.rowHeight * 0.6,
    width: datum.value === null ? 0 : x(datum.value),
    standardX: datum.standard ? plot.left + x(datum.standard.value) : null,
  }));
  const xTicks = [0, max / 2, max].map((value) => ({ value: Math.round(value * 10) / 10, x: plot.left + x(value) }));
  return { max, rows, xTicks, plot, height };
}
