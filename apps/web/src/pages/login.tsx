import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField } from '../components/fields';
import { api, ApiProblem } from '../lib/api';
import { type ErrorSummaryModel, errorSummaryOf } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { Information } from '../components/information';

/**
 * Log in. With the organisation's OpenID Connect provider configured (always in production) a link starts that
 * sign-in at the BFF (`/session/oidc/login`, a full-page navigation to the provider and back). "Choose who you are"
 * is local development only: the BFF lists the demo users (infra/demo/seed.mjs) and signs a token for the chosen one
 * with the embedded issuer's key; with NODE_ENV=production that route does not exist (404).
 */
export function LoginPage({ onLogin }: { onLogin: (who: SessionUser) => void }) {
  const [users, setUsers] = useState<SessionUser[] | null | 'unavailable'>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const [organisation, setOrganisation] = useState<string | null>(null);

  useEffect(() => {
    api<{ organisation: string | null }>('/session/sign-in-options')
      .then((answer) => setOrganisation(answer.body.organisation))
      .catch(() => setOrganisation(null));
    api<SessionUser[]>('/session/users')
      .then((answer) => setUsers(answer.body))
      .catch(() => setUsers('unavailable'));
  }, []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (chosen.length === 0) {
      setSummary({ title: 'There is a problem', items: [{ text: 'Choose who you are', href: '#field-who' }] });
      return;
    }
    try {
      const answer = await api<SessionUser>('/session/local-login', { method: 'POST', body: { who: chosen[0] } });
      onLogin(answer.body);
    } catch (error) {
      if (error instanceof ApiProblem) setSummary(errorSummaryOf(error.problem, ['who']));
      else throw error;
    }
  }

  const organisationSignIn = organisation ? (
    <a className="nhsuk-button" href={organisation} draggable="false">
      Sign in with your organisation&apos;s account
    </a>
  ) : null;
  if (users === null) return <p>Loading…</p>;
  if (users === 'unavailable') {
    return (
      <>
        <h1>Log in</h1>
        {organisationSignIn ?? <p>No sign-in is configured here. Ask your administrator.</p>}
      </>
    );
  }
  return (
    <>
      <ErrorSummary summary={summary} />
      {organisationSignIn}
      <h1>Choose who you are</h1>
      <Information>Local development only: the demo users of <code>npm start -- --demo</code>. A production deployment has no such page.</Information>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ChoiceField
          kind="radios"
          field="who"
          label="Demo user"
          errors={summary ? { who: 'Choose who you are' } : {}}
          options={users.map((u) => ({ value: u.key, text: `${u.name} — ${u.org} (${u.orgType}; ${u.roles.join(', ')})` }))}
          selected={chosen}
          onChange={setChosen}
        />
        <button className="nhsuk-button" type="submit">
          Continue
        </button>
      </form>
    </>
  );
}
