import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { type FieldErrors, TextField } from '../components/fields';
import { api, ApiProblem } from '../lib/api';
import { AUDITED_SERVICES, type CaseHistoryPart, type MergedCaseHistory, mergeCaseHistory, type ServiceAnswer } from '../lib/case-history';
import { type ErrorSummaryModel, errorSummaryOf, fieldId, type Problem } from '../lib/problems';
import { navigate } from '../lib/router';
import { markText, type ProvenReport, type PublicKeyRecord, type ReportVerification, verifyReport } from '../lib/proofs';
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
 * (`GET /patients/{id}/access-log`). Each service's proofs are checked here (src/lib/proofs.ts: WebCrypto, the
 * rules of libs/platform/transparency) against the keys that service publishes (`GET /audit/log/keys`), and each
 * entry carries its mark; the page says what that does not prove and names the command that does more.
 */
export function CaseHistoryPage({ patientId }: { patientId: string }) {
  const [asOf] = useState(() => new Date().toISOString());
  const [history, setHistory] = useState<MergedCaseHistory | null>(null);
  const [accessLog, setAccessLog] = useState<AccessLogEntry[] | Problem | null>(null);
  const [verification, setVerification] = useState<Map<string, ReportVerification | string>>(new Map());

  useEffect(() => {
    const patient = encodeURIComponent(patientId);
    void Promise.all(
      AUDITED_SERVICES.map((service) =>
        api<CaseHistoryPart & { report: ProvenReport }>(`/api/${service}/audit/patients/${patient}/events?asOf=${encodeURIComponent(asOf)}`)
          .then((answer): ServiceAnswer => {
            void verifyPart(service, answer.body.report).then((outcome) => setVerification((current) => new Map(current).set(service, outcome)));
            return { service, part: answer.body };
          })
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
            <span className="nhsuk-u-visually-hidden">Important: </span>What the marks prove
          </span>
        </h2>
        <p data-testid="verification-note">
          This browser checks each entry’s inclusion proof and the Ed25519 signature on the tree head it leads to, against the public keys each service publishes. A
          mark proves the entry was in that service’s signed log unaltered. It does not prove that no entry was left out, and keys taken from the service itself
          are weaker than your own copies: for evidence, run <code>npm run audit -- case-history --heads-dir</code> with the heads and keys you hold.
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
                <th scope="col" className="nhsuk-table__header">Verification</th>
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
                  <td className="nhsuk-table__cell">{s.problem ? `No answer: ${s.problem}` : 'Answered'}</td>
                  <td className="nhsuk-table__cell">{s.problem ? '' : headText(verification.get(s.service), s.events)}</td>
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
                    <th scope="col" className="nhsuk-table__header">Verification</th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {group.entries.map((e) => (
                    <tr className="nhsuk-table__row" key={`${e.service}-${e.position}`}>
                      <td className="nhsuk-table__cell">{e.occurredAt ? new Date(e.occurredAt).toLocaleString('en-GB') : 'Not recorded'}</td>
                      <td className="nhsuk-table__cell">{e.service}</td>
                      <td className="nhsuk-table__cell">{e.type}</td>
                      <td className="nhsuk-table__cell">{e.role ?? ''}</td>
                      <td className="nhsuk-table__cell" data-testid="verification-mark">
                        <EntryMark verification={verification.get(e.service)} position={e.position} />
                      </td>
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

/** The service's published keys, then its report checked in this browser; a string when the keys could not be read. */
async function verifyPart(service: string, report: ProvenReport): Promise<ReportVerification | string> {
  try {
    const keys = await api<{ keys: PublicKeyRecord[] }>(`/api/${service}/audit/log/keys`);
    return await verifyReport(report, keys.body.keys);
  } catch (error) {
    if (error instanceof ApiProblem) return `its public keys could not be read: ${errorSummaryOf(error.problem).items.map((item) => item.text).join(' ')}`;
    // No WebCrypto (a page not served over HTTPS or from localhost) or no Ed25519 in it: said, never shown as verified.
    return `this browser could not check it (${error instanceof Error ? error.message : String(error)})`;
  }
}

function headText(outcome: ReportVerification | string | undefined, events: number): string {
  if (outcome === undefined) return 'Checking…';
  if (typeof outcome === 'string') return `NOT VERIFIED: ${outcome}`;
  if (!outcome.head.ok) return markText(outcome.head);
  const failed = [...outcome.events.values()].filter((mark) => !mark.ok).length;
  return failed === 0 ? `All ${events} verified: head ${outcome.head.treeSize} signed ${new Date(outcome.head.timestamp).toLocaleString('en-GB')}` : `NOT VERIFIED: ${failed} of ${events} entries`;
}

function EntryMark({ verification, position }: { verification: ReportVerification | string | undefined; position: number }) {
  if (verification === undefined) return <>Checking…</>;
  const mark = typeof verification === 'string' ? ({ ok: false, reason: verification } as const) : verification.events.get(position);
  if (mark?.ok) return <strong className="nhsuk-tag nhsuk-tag--green">{markText(mark)}</strong>;
  return <strong className="nhsuk-tag nhsuk-tag--red">{markText(mark)}</strong>;
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
