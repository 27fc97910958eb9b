import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { errorSummaryOf, type Problem } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';

interface QueueItem {
  id: string;
  urgency: string | null;
  urgentTriage: boolean;
  incomplete: boolean;
  receivedAt: string;
  daysWaited: number;
}

/** The triage queue of the clinician's own organisation, in the API's order: urgent triage first, then longest wait. */
export function QueuePage({ who }: { who: SessionUser }) {
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api<{ items: QueueItem[] }>(`/api/referrals/referrals?status=awaiting-triage&organisation=${encodeURIComponent(who.org)}&pageSize=50`)
      .then((answer) => setItems(answer.body.items))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setProblem(error.problem);
        else throw error;
      });
  }, [who.org]);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!items) return <p>Loading…</p>;
  return (
    <>
      <h1>Triage queue</h1>
      {items.length === 0 ? (
        <p>No referrals are waiting for triage.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Referrals waiting for triage, urgent first</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Referral</th>
              <th scope="col" className="nhsuk-table__header">Urgency</th>
              <th scope="col" className="nhsuk-table__header">Received</th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">Days waited</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {items.map((item, i) => (
              <tr className="nhsuk-table__row" key={item.id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/referrals/${item.id}`}>Open referral {i + 1}</Link>
                </td>
                <td className="nhsuk-table__cell">
                  {item.urgentTriage ? <strong className="nhsuk-tag nhsuk-tag--red">Urgent triage</strong> : null} {item.urgency ? label(item.urgency) : 'Not given'}
                  {item.incomplete ? ' (incomplete)' : ''}
                </td>
                <td className="nhsuk-table__cell">{new Date(item.receivedAt).toLocaleDateString('en-GB')}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{item.daysWaited}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
