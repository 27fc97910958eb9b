import { useEffect, useState } from 'react';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { sentReferrals, type SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';
import type { Referral } from './referral';

/** The referrals this GP sent (from this browser tab, see session.ts), each read back for its current status. */
export function MyReferralsPage({ who }: { who: SessionUser }) {
  const [rows, setRows] = useState<Array<{ id: string; referral: Referral | null; status: number }> | null>(null);
  useEffect(() => {
    void Promise.all(
      sentReferrals(who).map((id) =>
        api<Referral>(`/api/referrals/referrals/${encodeURIComponent(id)}`)
          .then((answer) => ({ id, referral: answer.body, status: answer.status }))
          .catch((error: unknown) => ({ id, referral: null, status: error instanceof ApiProblem ? error.problem.status : 0 })),
      ),
    ).then(setRows);
  }, [who]);
  if (!rows) return <p>Loading…</p>;
  return (
    <>
      <h1>My referrals</h1>
      <p className="nhsuk-hint">Referrals you sent in this browser tab. A list of every referral your practice sent is not built yet.</p>
      {rows.length === 0 ? (
        <p>
          You have not sent a referral yet. <Link to="/refer">Refer a patient</Link>
        </p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Referrals and their status</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Referral</th>
              <th scope="col" className="nhsuk-table__header">Sent</th>
              <th scope="col" className="nhsuk-table__header">Referred to</th>
              <th scope="col" className="nhsuk-table__header">Status</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.map(({ id, referral, status }, i) => (
              <tr className="nhsuk-table__row" key={id}>
                <td className="nhsuk-table__cell">
                  <Link to={`/referrals/${id}`}>Referral {rows.length - i}</Link>
                </td>
                <td className="nhsuk-table__cell">{referral ? new Date(referral.receivedAt).toLocaleString('en-GB') : ''}</td>
                <td className="nhsuk-table__cell">{referral?.receivingOrganisation ?? ''}</td>
                <td className="nhsuk-table__cell">
                  {referral ? (
                    <strong className={`nhsuk-tag ${referral.status === 'Triaged' ? 'nhsuk-tag--green' : 'nhsuk-tag--blue'}`}>
                      {referral.status}
                      {referral.triage ? ` (${label(referral.triage.outcome)})` : ''}
                    </strong>
                  ) : (
                    `Not available (${status})`
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
