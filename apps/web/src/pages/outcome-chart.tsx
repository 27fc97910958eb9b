import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { changeInWords, chartModel, DEFAULT_BOX, type MeasureSeries } from '../lib/chart';
import { errorSummaryOf, type Problem } from '../lib/problems';
import { RECORDED_MEASURES } from './record-measure';

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB');

/**
 * A patient's PHQ-9 or GAD-7 over time (outcomes `GET /patients/{id}/measures?code=`): an inline SVG line chart with
 * the caseness line and the reliable-change band as the service gives them, and the same figures as a table.
 */
export function OutcomeChartPage({ patientId, code, notFound }: { patientId: string; code: string; notFound: () => void }) {
  const [series, setSeries] = useState<MeasureSeries | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api<MeasureSeries>(`/api/outcomes/patients/${encodeURIComponent(patientId)}/measures?code=${encodeURIComponent(code)}&pageSize=100`)
      .then((answer) => setSeries(answer.body))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if ([403, 404].includes(error.problem.status)) notFound();
        else setProblem(error.problem);
      });
  }, [patientId, code, notFound]);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!series) return <p>Loading…</p>;
  const patient = encodeURIComponent(patientId);
  const change = changeInWords(series);
  return (
    <>
      <h1>{series.code} outcome chart</h1>
      <p>
        <Link to={`/patients/${patient}/journey`}>Back to the patient&apos;s journey</Link>
      </p>
      <ul className="nhsuk-list">
        {RECORDED_MEASURES.filter((m) => m !== series.code).map((m) => (
          <li key={m}>
            <Link to={`/patients/${patient}/measures/${m}`}>See the {m} chart instead</Link>
          </li>
        ))}
      </ul>
      <p className="nhsuk-hint">
        {series.casenessCutOff !== null ? `Caseness: a score of ${series.casenessCutOff} or more. ` : ''}
        {series.reliableChange !== null ? `Reliable change: ${series.reliableChange} points or more from the first score. ` : ''}
        {series.ruleSetVersion ? `From the outcomes service's rule set ${series.ruleSetVersion} (NHS Talking Therapies).` : ''}
      </p>
      {series.items.length === 0 ? <p>No {series.code} scores are recorded for this person.</p> : <Chart series={series} />}
      {change ? <p data-testid="change">{change}</p> : null}
      {series.total > series.items.length ? <p className="nhsuk-hint">Showing the first {series.items.length} of {series.total} scores.</p> : null}
      {series.items.length > 0 ? (
        <table className="nhsuk-table" data-testid="measure-table">
          <caption className="nhsuk-table__caption">{series.code} scores, oldest first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Date</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Score</th>
              <th scope="col" className="nhsuk-table__header">Severity</th>
              <th scope="col" className="nhsuk-table__header">Caseness</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {series.items.map((p) => (
              <tr className="nhsuk-table__row" key={p.responseId}>
                <td className="nhsuk-table__cell">{day(p.takenAt)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{p.total}</td>
                <td className="nhsuk-table__cell">{p.severityBand ?? ''}</td>
                <td className="nhsuk-table__cell">{p.atCaseness === null ? 'Not known' : p.atCaseness ? 'At caseness' : 'Below caseness'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

/** The chart. Its title and description say what it shows; the table under it gives every figure as text. */
export function Chart({ series }: { series: MeasureSeries }) {
  const model = chartModel(series);
  const { plot } = model;
  const titleId = `chart-title-${series.code}`;
  const descId = `chart-desc-${series.code}`;
  const last = series.items[series.items.length - 1];
  return (
    <svg
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      width="100%"
      viewBox={`0 0 ${DEFAULT_BOX.width} ${DEFAULT_BOX.height}`}
      data-testid="outcome-chart"
    >
      <title id={titleId}>{`${series.code} scores over time`}</title>
      <desc id={descId}>
        {`${series.items.length} score(s) out of ${model.max}${last ? `, latest ${last.total} on ${day(last.takenAt)}` : ''}.`}
        {series.casenessCutOff !== null ? ` Dashed line: caseness at ${series.casenessCutOff}.` : ''}
        {model.band ? ` Shaded band: within reliable change of the first score (${model.band.from} to ${model.band.to}).` : ''} The table below lists every score.
      </desc>
      {model.band ? <rect data-testid="reliable-change-band" x={plot.left} y={model.band.top} width={plot.right - plot.left} height={model.band.bottom - model.band.top} fill="#005eb8" fillOpacity={0.1} /> : null}
      <line x1={plot.left} y1={plot.top} x2={plot.left} y2={plot.bottom} stroke="#4c6272" />
      <line x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.bottom} stroke="#4c6272" />
      {model.yTicks.map((tick) => (
        <text key={tick.value} x={plot.left - 8} y={tick.y + 4} textAnchor="end" fontSize={12} fill="#212b32">
          {tick.value}
        </text>
      ))}
      {model.casenessY !== null ? (
        <g data-testid="caseness-line">
          <line x1={plot.left} y1={model.casenessY} x2={plot.right} y2={model.casenessY} stroke="#d5281b" strokeWidth={2} strokeDasharray="6 4" />
          <text x={plot.right} y={model.casenessY - 6} textAnchor="end" fontSize={12} fill="#aa2016">
            {`caseness ≥ ${series.casenessCutOff}`}
          </text>
        </g>
      ) : null}
      {model.points.length > 1 ? <polyline points={model.points.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" stroke="#005eb8" strokeWidth={3} /> : null}
      {model.points.map((p) => (
        <g key={p.point.responseId} data-testid="chart-point">
          <circle cx={p.x} cy={p.y} r={6} fill="#005eb8" />
          <text x={p.x} y={plot.bottom + 20} textAnchor="middle" fontSize={12} fill="#212b32">
            {day(p.point.takenAt)}
          </text>
          <text x={p.x} y={p.y - 10} textAnchor="middle" fontSize={12} fill="#212b32">
            {p.point.total}
          </text>
        </g>
      ))}
    </svg>
  );
}
