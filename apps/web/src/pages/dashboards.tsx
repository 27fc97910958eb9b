import { useEffect, useMemo, useState } from 'react';
import { DateField } from '../components/date-field';
import { ErrorSummary } from '../components/error-summary';
import type { FieldErrors } from '../components/fields';
import { api, ApiProblem } from '../lib/api';
import { BAR_BOX, barChartModel, type BarDatum } from '../lib/chart';
import { checkDate, type DateParts, londonToday } from '../lib/date-entry';
import {
  consultationFigureText,
  consultationPracticeBars,
  CONSULTATIONS_SUPPRESS_BELOW,
  countText,
  type ConsultationMetrics,
  dashboardPaths,
  type DashboardPeriod,
  defaultPeriod,
  gapPracticeBars,
  type GapMetrics,
  NOT_SERVED,
  outcomeBars,
  type ServiceOutcomesView,
  standardSources,
  suppressedText,
  waitBars,
  waitingStandardBars,
  type WaitsReport,
  type WaitsWindow,
} from '../lib/dashboards';
import { errorSummaryOf, explainStatus, type ErrorSummaryModel } from '../lib/problems';
import type { SessionUser } from '../lib/session';

/** Who the home page offers the dashboards to: the roles the services' metrics endpoints grant (they still decide). */
export const canSeeDashboards = (who: SessionUser): boolean => who.roles.includes('ops') || who.roles.includes('admin');

type Loaded<T> = { state: 'loading' } | { state: 'ok'; body: T } | { state: 'refused' } | { state: 'problem'; text: string };

/** One metrics answer for the section that shows it; a 403 is "not for your role", said in words, not an error page. */
function useMetric<T>(path: string | null): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoaded({ state: 'loading' });
    api<T>(path)
      .then((answer) => current && setLoaded({ state: 'ok', body: answer.body }))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if (!current) return;
        if (error.problem.status === 403) setLoaded({ state: 'refused' });
        else setLoaded({ state: 'problem', text: explainStatus(error.problem) ?? error.problem.detail ?? error.problem.title });
      });
    return () => {
      current = false;
    };
  }, [path]);
  return loaded;
}

const toParts = (date: string): DateParts => {
  const [year, month, day] = date.split('-') as [string, string, string];
  return { day: String(Number(day)), month: String(Number(month)), year };
};
const longDate = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The service lead's dashboards (issue 20): waits against the 6/18-week standard and the hidden waits, recovery and
 * the reliable-change rates against the national standards, consultations, and — for a commissioner — refusals by
 * practice. Each section is one service's answer for the period, drawn as a bar chart with the standard marked and
 * the same figures as a table under `<details>`.
 */
export function DashboardsPage({ who }: { who: SessionUser }) {
  const today = londonToday();
  const [period, setPeriod] = useState<DashboardPeriod>(() => defaultPeriod(today));
  const [fromParts, setFromParts] = useState<DateParts>(() => toParts(period.from));
  const [toParts_, setToParts] = useState<DateParts>(() => toParts(period.to));
  const commissioner = who.orgType === 'commissioner';
  const [provider, setProvider] = useState('');
  const [providerShown, setProviderShown] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);

  const organisation = commissioner ? providerShown : who.org;
  const own = dashboardPaths(period, who.org);
  const paths = organisation ? dashboardPaths(period, organisation) : null;
  const waits = useMetric<WaitsReport>(paths?.waits ?? null);
  const outcomes = useMetric<ServiceOutcomesView>(paths?.outcomes ?? null);
  const consultations = useMetric<ConsultationMetrics>(commissioner ? null : own.consultations);
  const gaps = useMetric<GapMetrics>(commissioner ? own.gaps : null);
  const organisations = useMetric<Array<{ code: string; name: string }>>('/api/referrals/organisations');
  const names = useMemo(() => new Map(organisations.state === 'ok' ? organisations.body.map((o) => [o.code, o.name]) : []), [organisations]);

  function show(event: React.FormEvent) {
    event.preventDefault();
    const from = checkDate(fromParts, 'From');
    const to = checkDate(toParts_, 'To');
    const found: FieldErrors = {};
    if (from.state !== 'valid') found['from'] = from.state === 'empty' ? 'Enter the first day of the period' : from.message;
    if (to.state !== 'valid') found['to'] = to.state === 'empty' ? 'Enter the last day of the period' : to.message;
    if (from.state === 'valid' && to.state === 'valid' && from.iso > to.iso) found['to'] = 'To must be the same as or after From';
    if (commissioner && provider.trim() !== '' && !/^[A-Z0-9]{3,10}$/.test(provider.trim().toUpperCase())) found['provider'] = 'Enter the provider’s ODS code, like RX4';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummary(errorSummaryOf({ title: 'There is a problem', status: 400, errors: Object.entries(found).map(([field, message]) => ({ field, messages: [message as string] })) }, ['from', 'to', 'provider']));
      return;
    }
    setSummary(null);
    if (from.state === 'valid' && to.state === 'valid') setPeriod({ from: from.iso, to: to.iso });
    setProviderShown(provider.trim().toUpperCase());
  }

  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>Service dashboards</h1>
      <p>
        {names.get(who.org) ?? who.org}, from {longDate(period.from)} to {longDate(period.to)}. Every figure is the service&apos;s own answer; the national
        standards are the ones each service gives with its source.
      </p>
      <form onSubmit={show} noValidate>
        <DateField field="from" label="From" value={fromParts} onChange={setFromParts} errors={errors} />
        <DateField field="to" label="To" hint="Inclusive. Default: the last 12 months up to today." value={toParts_} onChange={setToParts} errors={errors} />
        {commissioner ? (
          <div className={`nhsuk-form-group${errors['provider'] ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="field-provider">
              Provider for waits and outcomes (ODS code)
            </label>
            <div className="nhsuk-hint" id="field-provider-hint">
              A Talking Therapies provider in your area, for example DEMTT1.
            </div>
            {errors['provider'] ? (
              <span className="nhsuk-error-message" id="field-provider-error">
                <span className="nhsuk-u-visually-hidden">Error:</span> {errors['provider']}
              </span>
            ) : null}
            <input
              className="nhsuk-input nhsuk-input--width-10"
              id="field-provider"
              value={provider}
              onChange={(event) => setProvider(event.target.value)}
              aria-describedby={`field-provider-hint${errors['provider'] ? ' field-provider-error' : ''}`}
            />
          </div>
        ) : null}
        <button className="nhsuk-button" type="submit">
          Show
        </button>
      </form>

      {commissioner ? <GapsSection gaps={gaps} names={names} /> : null}
      {organisation ? (
        <>
          <WaitsSection waits={waits} />
          <OutcomesSection outcomes={outcomes} />
        </>
      ) : (
        <p>Enter a provider&apos;s ODS code to see its waits and outcomes.</p>
      )}
      {commissioner ? null : <ConsultationsSection consultations={consultations} names={names} />}

      <h2>Not available yet</h2>
      <p>Issue 20 asks for these, but no service answers them yet, so this page shows none of them rather than counting patients in the browser:</p>
      <ul className="nhsuk-list nhsuk-list--bullet" data-testid="not-served">
        {NOT_SERVED.map((n) => (
          <li key={n.figure}>
            <strong>{n.figure}</strong>: {n.why}.
          </li>
        ))}
      </ul>
    </>
  );
}

function Refused({ what, roles }: { what: string; roles: string }) {
  return (
    <p data-testid="refused">
      Your role cannot see {what}: the service grants it to {roles}.
    </p>
  );
}

function Pending<T>({ loaded, what, roles, children }: { loaded: Loaded<T>; what: string; roles: string; children: (body: T) => React.ReactNode }) {
  if (loaded.state === 'loading') return <p>Loading…</p>;
  if (loaded.state === 'refused') return <Refused what={what} roles={roles} />;
  if (loaded.state === 'problem') return <p>{`The ${what} could not be shown: ${loaded.text}`}</p>;
  return <>{children(loaded.body)}</>;
}

function WaitsSection({ waits }: { waits: Loaded<WaitsReport> }) {
  return (
    <section aria-labelledby="waits-heading">
      <h2 id="waits-heading">Waiting times</h2>
      <Pending loaded={waits} what="waiting times" roles="admin, clinician and ops">
        {(report) => (
          <>
            <p className="nhsuk-hint">
              National measure: of the Talking Therapies referrals that finished a course of treatment (discharged after at least two attended treatments) in the period, the
              share whose wait from referral to first attended treatment was 6 and 18 weeks or less, unadjusted for pauses (NHS England, NHS Talking Therapies Manual; scheduling
              service, definition {report.national.definition}).
            </p>
            <BarChart id="waits-standard" title="Began treatment within 6 and 18 weeks" unit="%" scaleMax={100} data={waitingStandardBars(report)} />
            <h3>Hidden waits</h3>
            <p className="nhsuk-hint">
              Local figures, not the national measure: median days for the waits that ended in the period. The hidden wait is between the first and second treatment.
            </p>
            <BarChart id="waits-local" title="Median waits in days" unit=" days" data={waitBars(report.window, report.suppression.threshold)} />
            <details className="nhsuk-details">
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">The last 28 and 90 days</span>
              </summary>
              <div className="nhsuk-details__text">
                <RecentWaits label="Last 28 days" window={report.recent.last28Days} threshold={report.suppression.threshold} />
                <RecentWaits label="Last 90 days" window={report.recent.last90Days} threshold={report.suppression.threshold} />
              </div>
            </details>
          </>
        )}
      </Pending>
    </section>
  );
}

function RecentWaits({ label, window, threshold }: { label: string; window: WaitsWindow; threshold: number }) {
  const cell = (median: number | null, p90: number | null, count: number | null) =>
    count === 0 ? 'none ended' : count === null ? suppressedText(threshold) : `median ${median ?? '–'}, 90th percentile ${p90 ?? '–'} (${count})`;
  return (
    <table className="nhsuk-table">
      <caption className="nhsuk-table__caption nhsuk-table__caption--s">{label} (days)</caption>
      <tbody className="nhsuk-table__body">
        <tr className="nhsuk-table__row">
          <th scope="row" className="nhsuk-table__header">Referral to first appointment</th>
          <td className="nhsuk-table__cell">{cell(window.referralToFirstAppointment.medianDays, window.referralToFirstAppointment.p90Days, window.referralToFirstAppointment.count)}</td>
        </tr>
        <tr className="nhsuk-table__row">
          <th scope="row" className="nhsuk-table__header">Referral to first treatment</th>
          <td className="nhsuk-table__cell">{cell(window.referralToFirstTreatment.medianDays, window.referralToFirstTreatment.p90Days, window.referralToFirstTreatment.count)}</td>
        </tr>
        <tr className="nhsuk-table__row">
          <th scope="row" className="nhsuk-table__header">First to second treatment</th>
          <td className="nhsuk-table__cell">
            {cell(window.firstToSecondTreatment.medianDays, window.firstToSecondTreatment.p90Days, window.firstToSecondTreatment.count)}
            {window.firstToSecondTreatment.shareOver90Days === null ? '' : `; ${Math.round(window.firstToSecondTreatment.shareOver90Days * 1000) / 10}% over 90 days`}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function OutcomesSection({ outcomes }: { outcomes: Loaded<ServiceOutcomesView> }) {
  return (
    <section aria-labelledby="outcomes-heading">
      <h2 id="outcomes-heading">Recovery and reliable change</h2>
      <Pending loaded={outcomes} what="outcome rates" roles="admin, clinician and ops">
        {(view) => (
          <>
            <p className="nhsuk-hint">
              Finished courses ended in the period: {view.metrics.counts.finishedCourses} (of {view.metrics.counts.episodes} episodes ended). Rule set {view.ruleSetVersion}.
            </p>
            <BarChart id="outcome-rates" title="Outcome rates against the national standards" unit="%" scaleMax={100} data={outcomeBars(view.metrics)} />
            <ul className="nhsuk-list nhsuk-hint" data-testid="standard-sources">
              {standardSources(view.metrics).map((source) => (
                <li key={source}>Standard: {source}</li>
              ))}
            </ul>
            {view.note ? <p data-testid="outcomes-note">By practice: {view.note}.</p> : null}
            <p className="nhsuk-hint">{view.localWholeJourney.label}: recovery {view.localWholeJourney.metrics.recovery.percent === null ? 'no finished courses' : `${view.localWholeJourney.metrics.recovery.percent}%`}.</p>
          </>
        )}
      </Pending>
    </section>
  );
}

function ConsultationsSection({ consultations, names }: { consultations: Loaded<ConsultationMetrics>; names: ReadonlyMap<string, string> }) {
  return (
    <section aria-labelledby="consultations-heading">
      <h2 id="consultations-heading">Consultations</h2>
      <Pending loaded={consultations} what="consultation figures" roles="admin and clinician">
        {(report) => {
          const share = (value: number) => `${Math.round(value * 1000) / 10}%`;
          const byPractice = consultationPracticeBars(report, names);
          return (
            <>
              <dl className="nhsuk-summary-list">
                {[
                  ['Requests', countText(report.requests, CONSULTATIONS_SUPPRESS_BELOW)],
                  ['Answered', countText(report.answered, CONSULTATIONS_SUPPRESS_BELOW)],
                  ['Answered within target', consultationFigureText(report.shareAnsweredWithinTarget, report.answered, share)],
                  ['Managed in primary care', consultationFigureText(report.managedInPrimaryCare, report.answered, share)],
                  ['Median hours to answer', consultationFigureText(report.timeToAnswerHours.median, report.answered, String)],
                ].map(([key, value]) => (
                  <div className="nhsuk-summary-list__row" key={key}>
                    <dt className="nhsuk-summary-list__key">{key}</dt>
                    <dd className="nhsuk-summary-list__value">{value}</dd>
                  </div>
                ))}
              </dl>
              {byPractice.length > 0 ? <BarChart id="consultations-by-practice" title="Consultation requests by practice" unit="" data={byPractice} /> : null}
            </>
          );
        }}
      </Pending>
    </section>
  );
}

function GapsSection({ gaps, names }: { gaps: Loaded<GapMetrics>; names: ReadonlyMap<string, string> }) {
  return (
    <section aria-labelledby="gaps-heading">
      <h2 id="gaps-heading">Refusals by practice</h2>
      <Pending loaded={gaps} what="gap metrics" roles="commissioners (ops, admin, clinician)">
        {(report) => {
          const bars = gapPracticeBars(report, names);
          return (
            <>
              <p className="nhsuk-hint">
                People whose referral a service refused, by referring practice, and the share of them who reached care within 28 days. Small numbers: {report.suppression.rule}.
              </p>
              {bars.refused.length === 0 ? (
                <p>No refusals in the period.</p>
              ) : (
                <>
                  <BarChart id="gaps-refused" title="People refused, by practice" unit="" data={bars.refused} />
                  <BarChart id="gaps-reached" title="Reached care within 28 days of refusal, by practice" unit="%" scaleMax={100} data={bars.reached} />
                </>
              )}
            </>
          );
        }}
      </Pending>
    </section>
  );
}

/**
 * A horizontal bar chart (lib/chart.ts `barChartModel`) as an inline SVG with a title and description, each standard
 * a labelled dashed line, and the same figures as a table under `<details>` for whoever would rather read them.
 */
export function BarChart({ id, title, unit, data, scaleMax }: { id: string; title: string; unit: string; data: BarDatum[]; scaleMax?: number }) {
  const model = barChartModel(data, scaleMax);
  const { plot } = model;
  const description = data.map((d) => `${d.label}: ${d.display}${d.standard ? `, ${d.standard.label}` : ''}`).join('. ');
  return (
    <figure className="nhsuk-u-margin-bottom-5" data-testid={`chart-${id}`}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" viewBox={`0 0 ${BAR_BOX.width} ${model.height}`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${description}.`}</desc>
        <line x1={plot.left} y1={plot.top} x2={plot.left} y2={plot.bottom} stroke="#4c6272" />
        <line x1={plot.left} y1={plot.bottom} x2={plot.right} y2={plot.bottom} stroke="#4c6272" />
        {model.xTicks.map((tick) => (
          <text key={tick.value} x={tick.x} y={plot.bottom + 18} textAnchor="middle" fontSize={12} fill="#212b32">
            {`${tick.value}${unit}`}
          </text>
        ))}
        {model.rows.map((row) => (
          <g key={row.datum.key} data-testid="bar">
            <text x={plot.left - 8} y={row.y + row.height / 2 + 4} textAnchor="end" fontSize={13} fill="#212b32">
              {row.label}
            </text>
            {row.width > 0 ? <rect x={plot.left} y={row.y} width={row.width} height={row.height} fill="#005eb8" /> : null}
            {row.standardX !== null && row.datum.standard ? (
              <g data-testid="standard-line">
                <line x1={row.standardX} y1={row.y - 4} x2={row.standardX} y2={row.y + row.height + 4} stroke="#d5281b" strokeWidth={3} strokeDasharray="4 3" />
                <text x={row.standardX} y={row.y - 6} textAnchor="middle" fontSize={11} fill="#aa2016" stroke="#f0f4f5" strokeWidth={3} paintOrder="stroke">
                  {row.datum.standard.label}
                </text>
              </g>
            ) : null}
            <text x={plot.left + row.width + 6} y={row.y + row.height / 2 + 4} fontSize={12} fill="#212b32" stroke="#f0f4f5" strokeWidth={4} paintOrder="stroke">
              {row.datum.display}
            </text>
          </g>
        ))}
      </svg>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">{title}: the figures as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <table className="nhsuk-table" data-testid={`table-${id}`}>
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">{title}</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Figure</th>
                <th scope="col" className="nhsuk-table__header">Value</th>
                <th scope="col" className="nhsuk-table__header">Standard</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {data.map((d) => (
                <tr className="nhsuk-table__row" key={d.key}>
                  <th scope="row" className="nhsuk-table__header">{d.label}</th>
                  <td className="nhsuk-table__cell">{d.display}</td>
                  <td className="nhsuk-table__cell">{d.standard ? d.standard.label : 'none set'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
