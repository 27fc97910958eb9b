import { Link } from '../components/link';
import { canRefer, canTriage, type SessionUser } from '../lib/session';
import { canAudit } from './case-history';
import { canSeeDashboards } from './dashboards';
import { canLinkWork } from './social-prescriptions';

export function HomePage({ who }: { who: SessionUser }) {
  return (
    <>
      <h1>Stepwell</h1>
      <p>
        Signed in as {who.name}, {who.org}.
      </p>
      <ul className="nhsuk-list">
        {canRefer(who) ? (
          <>
            <li>
              <Link to="/refer">Refer a patient</Link>
            </li>
            <li>
              <Link to="/my-referrals">My referrals</Link>
            </li>
            <li>
              <Link to="/consultations">Advice from consultations</Link>
            </li>
          </>
        ) : null}
        {canTriage(who) ? (
          <>
            <li>
              <Link to="/triage">Triage queue</Link>
            </li>
            <li>
              <Link to="/caseload">My caseload (RAG flags)</Link>
            </li>
            <li>
              <Link to="/diary">Diary: free slots</Link>
            </li>
            <li>
              <Link to="/risk-alerts">Risk alerts</Link>
            </li>
            {canRefer(who) ? null : (
              <li>
                <Link to="/consultations">Consultations</Link>
              </li>
            )}
            <li>
              <Link to="/consultation-offers">Offers of a consultation (care not on track)</Link>
            </li>
            <li>
              <Link to="/mdt-meetings">MDT meetings</Link>
            </li>
          </>
        ) : null}
        {canLinkWork(who) ? (
          <>
            <li>
              <Link to="/social-prescriptions">Social prescriptions (link worker caseload)</Link>
            </li>
            <li>
              <Link to="/social-prescriptions/inbox">Referrals to our services</Link>
            </li>
          </>
        ) : null}
        {canSeeDashboards(who) ? (
          <li>
            <Link to="/dashboards">Service dashboards: waits, outcomes and consultations</Link>
          </li>
        ) : null}
        {canAudit(who) ? (
          <li>
            <Link to="/case-history">Case history of a patient</Link>
          </li>
        ) : null}
        {canAudit(who) ? (
          <li>
            <Link to="/break-glass-reviews">Break-glass reviews</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
