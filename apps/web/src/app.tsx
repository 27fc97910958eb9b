import { useCallback, useEffect, useState } from 'react';
import { Link } from './components/link';
import { api, ApiProblem } from './lib/api';
import { match, navigate, usePath } from './lib/router';
import type { SessionUser } from './lib/session';
import { BreakGlassReviewsPage } from './pages/break-glass-reviews';
import { CaseHistoryPage, FindCaseHistoryPage } from './pages/case-history';
import { ConsultationOfferPage, ConsultationOffersPage, ConsultationPage, ConsultationsPage, NewConsultationPage } from './pages/consultations';
import { MdtMeetingPage, MdtMeetingsPage } from './pages/mdt';
import { DashboardsPage } from './pages/dashboards';
import { AppointmentsPage, BookPage, DiaryPage } from './pages/diary';
import { HomePage } from './pages/home';
import { CaseloadPage, InboxPage, SocialPrescriptionPage } from './pages/social-prescriptions';
import { JourneyPage } from './pages/journey';
import { LoginPage } from './pages/login';
import { MyCaseloadPage } from './pages/my-caseload';
import { MyReferralsPage } from './pages/my-referrals';
import { OutcomeChartPage } from './pages/outcome-chart';
import { QueuePage } from './pages/queue';
import { RecordMeasurePage } from './pages/record-measure';
import { ReferPage } from './pages/refer';
import { ReferralPage } from './pages/referral';
import { RiskAlertsPage } from './pages/risk-alerts';

function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>This record does not exist, or you have no access to it: only organisations caring for the person can see it.</p>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </>
  );
}

export function App() {
  const path = usePath();
  const [who, setWho] = useState<SessionUser | null | undefined>(undefined);
  const [missing, setMissing] = useState<string | null>(null);
  const notFound = useCallback(() => setMissing(window.location.pathname), []);

  useEffect(() => {
    api<SessionUser>('/session')
      .then((answer) => setWho(answer.body))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem && error.problem.status === 401) setWho(null);
        else throw error;
      });
  }, []);

  async function logout() {
    const answer = await api<{ endSessionUrl?: string } | null>('/session/logout', { method: 'POST' });
    // Signed in with the organisation's provider: it ends its own session too (RP-initiated logout), then sends the
    // browser back.
    if (answer.body?.endSessionUrl) {
      window.location.assign(answer.body.endSessionUrl);
      return;
    }
    setWho(null);
    navigate('/');
  }

  let page: React.ReactNode;
  let params: Record<string, string> | null;
  if (who === undefined) page = <p>Loading…</p>;
  else if (who === null) page = <LoginPage onLogin={(user) => (setWho(user), navigate('/'))} />;
  else if (missing === path) page = <NotFoundPage />;
  else if (path === '/' || path === '') page = <HomePage who={who} />;
  else if (path === '/refer') page = <ReferPage who={who} />;
  else if (path === '/my-referrals') page = <MyReferralsPage who={who} />;
  else if (path === '/triage') page = <QueuePage who={who} />;
  else if (path === '/caseload') page = <MyCaseloadPage who={who} />;
  else if ((params = match('/referrals/:id', path))) page = <ReferralPage key={params['id']} who={who} id={params['id'] as string} notFound={notFound} />;
  else if ((params = match('/patients/:id/journey', path))) page = <JourneyPage key={params['id']} who={who} patientId={params['id'] as string} notFound={notFound} />;
  else if ((params = match('/patients/:id/episodes/:episode/questionnaire', path))) page = <RecordMeasurePage key={path} patientId={params['id'] as string} episodeId={params['episode'] as string} />;
  else if ((params = match('/patients/:id/measures/:code', path))) page = <OutcomeChartPage key={path} patientId={params['id'] as string} code={params['code'] as string} notFound={notFound} />;
  else if (path === '/diary') page = <DiaryPage who={who} />;
  else if ((params = match('/patients/:id/episodes/:episode/book', path))) page = <BookPage key={path} who={who} patientId={params['id'] as string} episodeId={params['episode'] as string} />;
  else if ((params = match('/patients/:id/appointments', path))) page = <AppointmentsPage key={path} patientId={params['id'] as string} notFound={notFound} />;
  else if (path === '/social-prescriptions') page = <CaseloadPage who={who} />;
  else if (path === '/social-prescriptions/inbox') page = <InboxPage who={who} />;
  else if ((params = match('/social-prescriptions/:id', path))) page = <SocialPrescriptionPage key={path} who={who} id={params['id'] as string} notFound={notFound} />;
  else if (path === '/risk-alerts') page = <RiskAlertsPage key={window.location.search} who={who} />;
  else if (path === '/consultations') page = <ConsultationsPage who={who} />;
  else if (path === '/consultations/new') page = <NewConsultationPage key={window.location.search} who={who} />;
  else if ((params = match('/consultations/:id', path))) page = <ConsultationPage key={path} who={who} id={params['id'] as string} notFound={notFound} />;
  else if (path === '/consultation-offers') page = <ConsultationOffersPage who={who} />;
  else if ((params = match('/consultation-offers/:id', path))) page = <ConsultationOfferPage key={path} id={params['id'] as string} notFound={notFound} />;
  else if (path === '/mdt-meetings') page = <MdtMeetingsPage who={who} />;
  else if ((params = match('/mdt-meetings/:id', path))) page = <MdtMeetingPage key={path} who={who} id={params['id'] as string} notFound={notFound} />;
  else if (path === '/dashboards') page = <DashboardsPage who={who} />;
  else if (path === '/case-history') page = <FindCaseHistoryPage />;
  else if ((params = match('/patients/:id/case-history', path))) page = <CaseHistoryPage key={params['id']} patientId={params['id'] as string} />;
  else if (path === '/break-glass-reviews') page = <BreakGlassReviewsPage who={who} />;
  else page = <NotFoundPage />;

  return (
    <>
      <a className="nhsuk-skip-link" href="#maincontent">
        Skip to main content
      </a>
      <header className="nhsuk-header" role="banner">
        <div className="nhsuk-header__container nhsuk-width-container">
          <div className="nhsuk-header__service">
            <Link className="nhsuk-header__service-logo" to="/">
              <span className="nhsuk-header__service-name">Stepwell</span>
            </Link>
          </div>
          {who ? (
            <div className="nhsuk-header__account">
              <span className="nhsuk-header__account-item">
                {who.name} ({who.org})
              </span>
              <button className="nhsuk-header__account-button" type="button" onClick={() => void logout()}>
                Log out
              </button>
            </div>
          ) : null}
        </div>
      </header>
      <div className="nhsuk-width-container">
        <main className="nhsuk-main-wrapper" id="maincontent" role="main">
          {page}
        </main>
      </div>
    </>
  );
}
