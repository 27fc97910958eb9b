import type { MeasureSeries } from './measure-series.query';

const WIDTH = 640;
const HEIGHT = 320;
const PAD = { left: 48, right: 16, top: 32, bottom: 40 };

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The series as a standalone SVG a browser opens: scores over time, the caseness cut-off as a dashed line, and
 * the reliable-change band around the first score (a change inside it may be measurement error). It names the
 * measure and dates only: no patient identifier is drawn.
 */
export function renderMeasureChart(series: MeasureSeries): string {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const max = Math.max(series.maxTotal, ...series.items.map((p) => p.total), 1);
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const n = series.items.length;
  const x = (index: number) => PAD.left + (n <= 1 ? plotW / 2 : (index / (n - 1)) * plotW);
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(series.code)} over time">`,
    `<title>${escapeXml(series.code)} over time</title>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="20" font-family="sans-serif" font-size="14" fill="#212b32">${escapeXml(series.code)}${series.ruleSetVersion ? ` (rule set ${escapeXml(series.ruleSetVersion)})` : ''}</text>`,
  );
  const first = series.items[0];
  if (first && series.reliableChange !== null) {
    const top = y(Math.min(max, first.total + series.reliableChange));
    const bottom = y(Math.max(0, first.total - series.reliableChange));
    parts.push(
      `<rect class="reliable-change-band" x="${PAD.left}" y="${top.toFixed(1)}" width="${plotW}" height="${(bottom - top).toFixed(1)}" fill="#005eb8" fill-opacity="0.08"><title>reliable change: ±${series.reliableChange} from the first score</title></rect>`,
    );
  }
  if (series.casenessCutOff !== null) {
    const cy = y(series.casenessCutOff).toFixed(1);
    parts.push(
      `<line class="caseness" x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${cy}" y2="${cy}" stroke="#d5281b" stroke-dasharray="6 4"/>`,
      `<text x="${PAD.left + plotW}" y="${Number(cy) - 4}" text-anchor="end" font-family="sans-serif" font-size="11" fill="#d5281b">caseness ≥ ${series.casenessCutOff}</text>`,
    );
  }
  parts.push(
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#4c6272"/>`,
    `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="#4c6272"/>`,
    `<text x="${PAD.left - 6}" y="${y(0) + 4}" text-anchor="end" font-family="sans-serif" font-size="11">0</text>`,
    `<text x="${PAD.left - 6}" y="${y(max) + 4}" text-anchor="end" font-family="sans-serif" font-size="11">${max}</text>`,
  );
  if (n > 0) {
    const points = series.items.map((p, i) => `${x(i).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="scores" points="${points}" fill="none" stroke="#005eb8" stroke-width="2"/>`);
    series.items.forEach((p, i) => {
      const label = `${p.takenAt.slice(0, 10)}: ${p.total}`;
      parts.push(
        `<circle class="score" cx="${x(i).toFixed(1)}" cy="${y(p.total).toFixed(1)}" r="4" fill="#005eb8"><title>${escapeXml(label)}</title></circle>`,
        `<text x="${x(i).toFixed(1)}" y="${HEIGHT - 20}" text-anchor="middle" font-family="sans-serif" font-size="10">${escapeXml(p.takenAt.slice(0, 10))}</text>`,
      );
    });
  } else {
    parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" font-family="sans-serif" font-size="13">no scores recorded</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
