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
