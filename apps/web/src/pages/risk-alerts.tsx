import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { type FieldErrors, SelectField, TextArea } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, type Problem } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';
import { Information } from '../components/information';

interface RiskAlert {
  id: string;
  patientSubjectId: string;
  episodeId: string;
  responseId: string;
  organisationId: string;
  namedClinician: { id: string; source: string } | null;
  signal: string;
  urgency: string;
  status: string;
  raisedAt: string;
  escalatedAt: string | null;
  acknowledgedAt: string | null;
  actionTaken: string | null;
}

/** The actions outcomes takes for an acknowledgement (RISK_ACTIONS of services/outcomes, acknowledge-risk-alert.request.ts). */
export const RISK_ACTIONS = [
  'contacted-patient',
  'safety-plan-reviewed',
  'referred-to-crisis-team',
  'emergency-services-called',
  'discussed-with-supervisor',
  'no-further-action-needed',
] as const;
export const ACKNOWLEDGE_FORM_FIELDS = ['actionTaken', 'note'] as const;

/**
 * Risk alerts addressed to the clinician's organisation (outcomes `GET /risk-alerts`, its duty queue: urgent, then
 * escalated, then oldest), optionally only one person's (`?patient=`, filtered here: the route has no such filter),
 * and acknowledging one with the action taken (`POST /risk-alerts/{id}/acknowledge`).
 */
export function RiskAlertsPage({ who }: { who: SessionUser }) {
  const patient = new URLSearchParams(window.location.search).get('patient');
  const [alerts, setAlerts] = useState<RiskAlert[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [acknowledging, setAcknowledging] = useState<RiskAlert | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => {
    api<{ items: RiskAlert[] }>(`/api/outcomes/risk-alerts?organisation=${encodeURIComponent(who.org)}&pageSize=100`)
      .then((answer) => setAlerts(answer.body.items.filter((a) => !patient || a.patientSubjectId === patient)))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setProblem(error.problem);
        else throw error;
      });
  }, [who.org, patient]);
  useEffect(load, [load]);

  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!alerts) return <p>Loading…</p>;
  return (
    <>
      {done ? <Information>{done}</Information> : null}
      <h1>Risk alerts</h1>
      <p className="nhsuk-hint">
        {patient ? 'This person’s alerts addressed to ' : 'Alerts addressed to '}
        {who.org}: urgent first, then escalated, then oldest.
        {patient ? (
          <>
            {' '}
            <Link to="/risk-alerts">See every alert of {who.org}</Link>
          </>
        ) : null}
      </p>
      {alerts.length === 0 ? (
        <p>No risk alerts.</p>
      ) : (
        <table className="nhsuk-table" data-testid="risk-alerts">
          <caption className="nhsuk-table__caption">Risk alerts</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Raised</th>
              <th scope="col" className="nhsuk-table__header">Urgency</th>
              <th scope="col" className="nhsuk-table__header">Named clinician</th>
              <th scope="col" className="nhsuk-table__header">Status</th>
              <th scope="col" className="nhsuk-table__header">Patient</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {alerts.map((alert, i) => (
              <tr className="nhsuk-table__row" key={alert.id}>
                <td className="nhsuk-table__cell">{new Date(alert.raisedAt).toLocaleString('en-GB')}</td>
                <td className="nhsuk-table__cell">
                  <strong className={`nhsuk-tag ${alert.urgency === 'urgent' ? 'nhsuk-tag--red' : 'nhsuk-tag--orange'}`}>{alert.urgency === 'urgent' ? 'Urgent' : 'High'}</strong>
                  {alert.escalatedAt ? ' (escalated)' : ''}
                </td>
                <td className="nhsuk-table__cell">{alert.namedClinician?.id ?? 'Duty queue only'}</td>
                <td className="nhsuk-table__cell">
                  {alert.status === 'open' ? (
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="button" onClick={() => {
                        setDone(null);
                        setAcknowledging(alert);
                      }}>
                      Acknowledge alert {i + 1}
                    </button>
                  ) : (
                    `Acknowledged ${alert.acknowledgedAt ? new Date(alert.acknowledgedAt).toLocaleString('en-GB') : ''}: ${label(alert.actionTaken ?? '')}`
                  )}
                </td>
                <td className="nhsuk-table__cell">
                  <Link to={`/patients/${encodeURIComponent(alert.patientSubjectId)}/journey`}>Journey</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {acknowledging ? (
        <AcknowledgeForm
          key={acknowledging.id}
          alert={acknowledging}
          number={alerts.indexOf(acknowledging) + 1}
          onDone={(acknowledged, message) => {
            // The service's answer is the alert's new state; the queue is a read model that may not have caught up
            // yet, so the row takes the answer rather than a reload.
            setAlerts((current) => (current ?? []).map((a) => (a.id === acknowledged.alertId ? { ...a, status: acknowledged.status, actionTaken: acknowledged.actionTaken, acknowledgedAt: acknowledged.acknowledgedAt } : a)));
            setAcknowledging(null);
            setDone(message);
          }}
        />
      ) : null}
    </>
  );
}

interface Acknowledged {
  alertId: string;
  status: string;
  actionTaken: string;
  acknowledgedAt: string;
}

function AcknowledgeForm({ alert, number, onDone }: { alert: RiskAlert; number: number; onDone: (acknowledged: Acknowledged, message: string) => void }) {
  const [actionTaken, setActionTaken] = useState<string>(RISK_ACTIONS[0]);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  // The form appears below the table: focus moves to its heading so a keyboard or screen-reader user is taken there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    try {
      const answer = await api<Acknowledged>(`/api/outcomes/risk-alerts/${encodeURIComponent(alert.id)}/acknowledge`, { method: 'POST', body: { actionTaken, ...(note.trim() ? { note: note.trim() } : {}) } });
      onDone(answer.body, `Alert ${number} acknowledged: ${label(answer.body.actionTaken)}.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, ACKNOWLEDGE_FORM_FIELDS));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="acknowledge-heading">
      <ErrorSummary summary={summary} />
      <h2 id="acknowledge-heading" tabIndex={-1} ref={heading}>Acknowledge alert {number}</h2>
      <SelectField field="actionTaken" label="Action taken" value={actionTaken} onChange={setActionTaken} errors={errors} options={RISK_ACTIONS.map((a) => ({ value: a, text: label(a) }))} />
      <TextArea field="note" label="Clinical note (optional)" hint="Kept in the outcomes service, never published" value={note} onChange={setNote} errors={errors} />
      <button className="nhsuk-button" type="submit">
        Save acknowledgement
      </button>
    </form>
  );
}
