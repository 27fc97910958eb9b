import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { type FieldErrors, TextField } from '../components/fields';
import { api, ApiProblem } from '../lib/api';
import { AUDITED_SERVICES, type CaseHistoryPart, type MergedCaseHistory, mergeCaseHistory, type ServiceAnswer } from '../lib/case-history';
import { type ErrorSummaryModel, errorSummaryOf, fieldId, type Problem } from '../lib/problems';
import { navigate } from '../lib/router';
import type { SessionUser } from '../lib/session';

export const canAudit = (who: SessionUser): boolean => who.roles.includes('auditor') || who.roles.includes('national-auditor');

interface AccessLogEntry {
  id: string;
  at: string;
  action: string;
  who: { userId: string; role: string; organisationId: string; organisationType: string | null };
  resource: string | null;
  basis: string | null;
}

/** The auditor's way in: the patient subject id (from a complaint, an incident, a request), then their case history. */
export function FindCaseHistoryPage() {
  const [patientId, setPatientId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const id = patientId.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/.test(id)) {
      const message = 'Enter the patient subject id (letters, digits and . _ : - only)';
      setErrors({ patientId: message });
      setSummary({ title: 'There is a problem', items: [{ text: message, href: `#${fieldId('patientId')}` }] });
      return;
    }
    navigate(`/patients/${encodeURIComponent(id)}/case-history`);
  }
  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>Case history of a patient</h1>
      <form onSubmit={submit} noValidate>
        <TextField field="patientId" label="Patient subject id" hint="As the services record it, for example in a complaint or an incident report" value={patientId} onChange={setPatientId} errors={errors} width={30} />
        <button className="nhsuk-button" type="submit">
          Show case history
        </button>
      </form>
    </>
  );
}

/**
 * One patient's case history for an auditor: every service's `GET /audit/patients/{id}/events?asOf=` for one instant
 * (through the BFF), merged per organisation, with each service's signed head size; and referrals' access log
 * (`GET /patients/{id}/access-log`). The proofs are not checked here: the page says so and names the command that
 * checks them.
 */
export function CaseHistoryPage({ patientId }: { patientId: string }) {
  const [asOf] = useState(() => new Date().toISOString());
  const [history, setHistory] = useState<MergedCaseHistory | null>(null);
  const [accessLog, setAccessLog] = useState<AccessLogEntry[] | Problem | null>(null);

  useEffect(() => {
    const patient = encodeURIComponent(patientId);
    void Promise.all(
      AUDITED_SERVICES.map((service) =>
        api<CaseHistoryPart>(`/api/${service}/audit/patients/${patient}/events?asOf=${encodeURIComponent(asOf)}`)
          .then((answer): ServiceAnswer => ({ service, part: answer.body }))
          .catch((error: unknown): ServiceAnswer => {
            if (!(error instanceof ApiProblem)) throw error;
            return { service, problem: errorSummaryOf(error.problem).items.map((item) => item.text).join(' ') };
          }),
      ),
    ).then((answers) => setHistory(mergeCaseHistory(answers)));
    api<{ items: AccessLogEntry[] }>(`/api/referrals/patients/${patient}/access-log?pageSize=100`)
      .then((answer) => setAccessLog(answer.body.items))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setAccessLog(error.problem);
        else throw error;
      });
  }, [patientId, asOf]);

  return (
    <>
      <h1>Case history</h1>
      <p>
        Patient <code>{patientId}</code>, as recorded up to {new Date(asOf).toLocaleString('en-GB')} (<code>{asOf}</code>).
      </p>
      <div className="nhsuk-warning-callout">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>Not verified in the browser
          </span>
        </h2>
        <p data-testid="verification-note">
          Shown as answered by each service; verify with <code>npm run audit -- case-history</code>. Each service sends inclusion proofs against a head it signed, but
          this page does not check them or the signatures, and a service could leave an event out.
        </p>
      </div>
      {!history ? (
        <p>Loading…</p>
      ) : (
        <>
          <table className="nhsuk-table" data-testid="case-history-services">
            <caption className="nhsuk-table__caption">What each service answered</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">Service</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Events</th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Signed head size</th>
                <th scope="col" className="nhsuk-table__header">Answer</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {history.services.map((s) => (
                <tr className="nhsuk-table__row" key={s.service}>
                  <th scope="row" className="nhsuk-table__header">
                    {s.service}
                  </th>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.events}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{s.treeSize ?? ''}</td>
                  <td className="nhsuk-table__cell">{s.problem ? `No answer: ${s.problem}` : 'Answered (not verified here)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Timeline per organisation</h2>
          {history.entries === 0 ? <p>No service answered with an event of this person.</p> : null}
          {history.organisations.map((group) => (
            <section key={group.organisationId ?? '(none)'} data-testid="case-history-organisation">
              <h3>{group.organisationId ?? 'No acting organisation recorded'}</h3>
              <table className="nhsuk-table">
                <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Events recorded for {group.organisationId ?? 'no organisation'}, oldest first</caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header">When</th>
                    <th scope="col" className="nhsuk-table__header">Service</th>
                    <th scope="col" className="nhsuk-table__header">Event</th>
                    <th scope="col" className="nhsuk-table__header">Role</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {group.entries.map((e) => (
                    <tr className="nhsuk-table__row" key={`${e.service}-${e.position}`}>
                      <td className="nhsuk-table__cell">{e.occurredAt ? new Date(e.occurredAt).toLocaleString('en-GB') : 'Not recorded'}</td>
                      <td className="nhsuk-table__cell">{e.service}</td>
                      <td className="nhsuk-table__cell">{e.type}</td>
                      <td className="nhsuk-table__cell">{e.role ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </>
      )}
      <h2>Who accessed the record (referrals)</h2>
      <AccessLog entries={accessLog} />
    </>
  );
}

function AccessLog({ entries }: { entries: AccessLogEntry[] | Problem | null }) {
  if (entries === null) return <p>Loading…</p>;
  if (!Array.isArray(entries)) return <ErrorSummary summary={errorSummaryOf(entries)} />;
  if (entries.length === 0) return <p>No access is recorded.</p>;
  return (
    <table className="nhsuk-table" data-testid="access-log">
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">The referrals service&apos;s access log, newest first</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">When</th>
          <th scope="col" className="nhsuk-table__header">Who</th>
          <th scope="col" className="nhsuk-table__header">Action</th>
          <th scope="col" className="nhsuk-table__header">Record</th>
          <th scope="col" className="nhsuk-table__header">Basis</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {entries.map((e) => (
          <tr className="nhsuk-table__row" key={e.id}>
            <td className="nhsuk-table__cell">{new Date(e.at).toLocaleString('en-GB')}</td>
            <td className="nhsuk-table__cell">
              {e.who.userId} ({e.who.role}, {e.who.organisationId})
            </td>
            <td className="nhsuk-table__cell">{e.action}</td>
            <td className="nhsuk-table__cell">{e.resource ?? ''}</td>
            <td className="nhsuk-table__cell">{e.basis ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
