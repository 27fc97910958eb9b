import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { Information } from '../components/information';
import { Link } from '../components/link';
import { ApiProblem } from '../lib/api';
import { FLAG_WORDS, RAG_TAG, RAG_WORDS } from '../lib/caseload-flags';
import { type CaseloadRead, readCaseload } from '../lib/caseload-read';
import { errorSummaryOf, type Problem } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';

const STATUS_WORDS: Record<string, string> = { InTreatment: 'In treatment', Waiting: 'Waiting', Paused: 'Paused' };

/**
 * The treating clinician's caseload with RAG flags: every open episode the organisation provides (referrals
 * `GET /episodes`, each read audited there), its open risk alerts (outcomes `GET /risk-alerts`), its outcome flags
 * (outcomes `GET /episodes/{id}/outcomes`), its waiting clock and review flags (on the episode). Red first, then
 * amber, then the longest wait (lib/caseload-flags.ts). No care coordinator is named on an episode yet, so the
 * caseload is the organisation's, not one clinician's (README, not built).
 */
export function MyCaseloadPage({ who }: { who: SessionUser }) {
  const [loaded, setLoaded] = useState<CaseloadRead | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    readCaseload(who.org)
      .then(setLoaded)
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setProblem(error.problem);
        else throw error;
      });
  }, [who.org]);

  if (problem) {
    return (
      <>
        <h1>My caseload</h1>
        <ErrorSummary summary={errorSummaryOf(problem)} />
      </>
    );
  }
  if (!loaded) return <p>Loading…</p>;
  const { rows, outcomesUnanswered } = loaded;
  return (
    <>
      <h1>My caseload</h1>
      <p className="nhsuk-hint">
        Open care episodes {who.org} provides (waiting, paused and in treatment): red first, then amber, then the longest wait. Each flag says why it
        has its colour and where it comes from. Episodes do not name a care coordinator yet, so this is the whole organisation’s caseload.
      </p>
      {outcomesUnanswered > 0 ? (
        <Information>
          The outcomes service did not answer for {outcomesUnanswered} episode{outcomesUnanswered === 1 ? '' : 's'}: their not-on-track flag has no
          colour. Reload to try again.
        </Information>
      ) : null}
      {rows.length === 0 ? (
        <p>No open care episodes.</p>
      ) : (
        <table className="nhsuk-table" data-testid="my-caseload">
          <caption className="nhsuk-table__caption">Caseload with RAG flags (risk, not on track, waiting, engagement review)</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Person</th>
              <th scope="col" className="nhsuk-table__header">Overall</th>
              <th scope="col" className="nhsuk-table__header">Flags: why, and from where</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map((row, i) => {
              const { episode } = row;
              const patient = encodeURIComponent(episode.patientSubjectId);
              return (
                <tr className="nhsuk-table__row" key={episode.id} data-episode={episode.id}>
                  <td className="nhsuk-table__cell">
                    <span className="nhsuk-u-visually-hidden">Row {i + 1}: </span>
                    {label(episode.step)}, {STATUS_WORDS[episode.status] ?? episode.status}
                    <br />
                    <span className="nhsuk-u-font-size-16">Person {episode.patientSubjectId}</span>
                    <br />
                    <Link to={`/patients/${patient}/journey`}>
                      Journey<span className="nhsuk-u-visually-hidden"> of the person in row {i + 1}</span>
                    </Link>
                    {' · '}
                    <Link to={`/patients/${patient}/measures/PHQ-9`}>
                      PHQ-9 chart<span className="nhsuk-u-visually-hidden"> of the person in row {i + 1}</span>
                    </Link>
                  </td>
                  <td className="nhsuk-table__cell">
                    <strong className={`nhsuk-tag ${RAG_TAG[row.rag]}`} data-testid="overall-rag">
                      {RAG_WORDS[row.rag]}
                    </strong>
                  </td>
                  <td className="nhsuk-table__cell">
                    <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                      {row.flags.map((flag) => (
                        <li key={flag.kind} data-flag={flag.kind} data-rag={flag.rag}>
                          <strong className={`nhsuk-tag ${RAG_TAG[flag.rag]}`}>
                            {FLAG_WORDS[flag.kind]}: {RAG_WORDS[flag.rag]}
                          </strong>{' '}
                          {flag.why} <span className="nhsuk-u-font-size-16">({flag.source})</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
