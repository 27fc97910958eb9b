import { Link } from '../components/link';
import { canRefer, canTriage, type SessionUser } from '../lib/session';

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
          </>
        ) : null}
        {canTriage(who) ? (
          <li>
            <Link to="/triage">Triage queue</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
