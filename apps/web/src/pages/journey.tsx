import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { type FieldErrors, TextArea } from '../components/fields';
import { type ErrorSummaryModel, errorSummaryOf, fieldId, type Problem } from '../lib/problems';
import { canTriage, type SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';
import { RECORDED_MEASURES } from './record-measure';

interface Actor {
  userId: string;
  organisationId: string;
  role: string;
}
interface Entry {
  kind: string;
  occurredAt: string;
  decidedBy: Actor;
  organisationId: string | null;
  reason: string | null;
  triageOutcome: string | null;
  fromStep: string | null;
  toStep: string | null;
}
interface StepSpan {
  step: string;
  organisationId: string;
  from: string;
  until: string | null;
  enteredBy: Actor;
  enteredBecause: string;
}
interface Journey {
  asOf: string;
  timeline: Entry[];
  steps: StepSpan[];
}

interface Episode {
  id: string;
  status: string;
  step: string;
  providingOrganisationId: string;
}

/** The patient's journey (GET /patients/{id}/journey): the steps as a line of points, then every move with who and why. */
export function JourneyPage({ who, patientId, notFound }: { who: SessionUser; patientId: string; notFound: () => void }) {
  const [journey, setJourney] = useState<Journey | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [noAccess, setNoAccess] = useState(false);
  // Break-glass is per person and per sign-in: every read of this record sends the reason again (never silently).
  const [breakGlass, setBreakGlass] = useState<string | null>(() => breakGlassReasonFor(who, patientId));
  useEffect(() => {
    api<Journey>(`/api/referrals/patients/${encodeURIComponent(patientId)}/journey`, breakGlass ? { breakGlassReason: breakGlass } : {})
      .then((answer) => setJourney(answer.body))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if ([403, 404].includes(error.problem.status) && mayBreakGlass(who)) setNoAccess(true);
        else if ([400, 403, 404].includes(error.problem.status)) notFound();
        else setProblem(error.problem);
      });
  }, [who, patientId, notFound, breakGlass]);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (noAccess && !breakGlass) return <NoAccessWithBreakGlass who={who} patientId={patientId} onOpened={(reason, opened) => (setJourney(opened), setBreakGlass(reason), setNoAccess(false))} />;
  if (!journey) return <p>Loading…</p>;
  return (
    <>
      {breakGlass ? (
        <div className="nhsuk-warning-callout" data-testid="break-glass-banner">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>
              Emergency access (break glass)
            </span>
          </h2>
          <p>
            You are reading this record without a care relationship, for the reason: “{breakGlass}”. It is read-only, every page you open is recorded with your
            reason, and your organisation’s privacy officer will review it.
          </p>
        </div>
      ) : null}
      <h1>Patient journey</h1>
      <p className="nhsuk-hint">As recorded up to {new Date(journey.asOf).toLocaleString('en-GB')}.</p>
      <h2>Steps of care</h2>
      {journey.steps.length === 0 ? <p>Not yet accepted to a step of care.</p> : <StepsPicture steps={journey.steps} />}
      <ol className="nhsuk-list nhsuk-list--number" aria-label="Steps of care in order" data-testid="journey-steps">
        {journey.steps.map((span, i) => (
          <li key={i}>
            <strong>{label(span.step)}</strong> at {span.organisationId}, from {new Date(span.from).toLocaleDateString('en-GB')}
            {span.until ? ` until ${new Date(span.until).toLocaleDateString('en-GB')}` : ' (current)'}: entered by {span.enteredBy.userId} ({span.enteredBy.role}) because {label(span.enteredBecause)}
          </li>
        ))}
      </ol>
      {canTriage(who) && !breakGlass ? <OutcomesLinks who={who} patientId={patientId} /> : null}
      <h2>Every decision</h2>
      <ol className="nhsuk-list nhsuk-list--number" data-testid="journey-timeline">
        {journey.timeline.map((entry, i) => (
          <li key={i}>
            <strong>{label(entry.kind)}</strong>
            {entry.triageOutcome ? ` (${label(entry.triageOutcome)})` : ''}
            {entry.toStep ? ` to ${label(entry.toStep)}` : ''} on {new Date(entry.occurredAt).toLocaleString('en-GB')} by {entry.decidedBy.userId} ({entry.decidedBy.role},{' '}
            {entry.decidedBy.organisationId}){entry.reason ? `; why: ${label(entry.reason)}` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * Who may break the glass (libs/platform/access, src/break-glass/break-glass-policy.ts): the clinician role of a
 * direct-care organisation. The service decides; this only decides whether to offer the route.
 */
export const BREAK_GLASS_ORGANISATION_TYPES = ['gp-practice', 'talking-therapies', 'psychotherapy-consultation', 'secondary-care', 'crisis-team'];
export const mayBreakGlass = (who: SessionUser): boolean => who.roles.includes('clinician') && BREAK_GLASS_ORGANISATION_TYPES.includes(who.orgType);
const breakGlassKey = (who: SessionUser, patientId: string) => `stepwell.break-glass.${who.org}.${who.user}.${patientId}`;
function breakGlassReasonFor(who: SessionUser, patientId: string): string | null {
  return typeof window === 'undefined' ? null : window.sessionStorage.getItem(breakGlassKey(who, patientId));
}

/**
 * The reason's rules as the service applies them (BREAK_GLASS_REASON_LENGTH: 10–500 characters after trimming). It
 * travels in an HTTP header, which carries plain ASCII only: other characters are refused here with words rather
 * than failing in the browser.
 */
export function checkBreakGlassReason(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed.length < 10) return 'Enter why you need emergency access, in at least 10 characters';
  if (trimmed.length > 500) return 'Reason must be 500 characters or fewer';
  if (/[^\x20-\x7E]/.test(trimmed)) return 'Reason must use only letters, numbers, spaces and plain punctuation (no curly quotes or accents)';
  return null;
}

/** "Not found, or no access", and for a clinician who may, the break-glass route with what it means. */
function NoAccessWithBreakGlass({ who, patientId, onOpened }: { who: SessionUser; patientId: string; onOpened: (reason: string, journey: Journey) => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const fail = (text: string) => {
    setErrors({ breakGlassReason: text });
    setSummary({ title: 'There is a problem', items: [{ text, href: `#${fieldId('breakGlassReason')}` }] });
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const wrong = checkBreakGlassReason(reason);
    if (wrong) return fail(wrong);
    try {
      const opened = await api<Journey>(`/api/referrals/patients/${encodeURIComponent(patientId)}/journey`, { breakGlassReason: reason.trim() });
      window.sessionStorage.setItem(breakGlassKey(who, patientId), reason.trim());
      onOpened(reason.trim(), opened.body);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.problem.status === 400) fail(error.problem.detail ?? error.problem.title);
      else setSummary(errorSummaryOf(error.problem));
    }
  }

  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>Page not found</h1>
      <p>This record does not exist, or you have no access to it: only organisations caring for the person can see it.</p>
      <div className="nhsuk-warning-callout" data-testid="break-glass-route">
        <h2 className="nhsuk-warning-callout__label">
          <span role="text">
            <span className="nhsuk-u-visually-hidden">Important: </span>
            Emergency access (break glass)
          </span>
        </h2>
        <p>If this person needs care now and you cannot get their record another way, you can open it without a care relationship. If you do:</p>
        <ul>
          <li>your name, role, organisation, reason and the time are recorded in the person’s access log, which they and auditors can see</li>
          <li>your organisation’s privacy officer reviews every emergency access and decides whether it was appropriate</li>
          <li>you can read the record but not change it</li>
          <li>it covers this person only, for a few hours (4 by default); every page you open sends your reason again</li>
        </ul>
        <p>Misuse is a disciplinary matter.</p>
      </div>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextArea field="breakGlassReason" label="Why do you need emergency access?" hint="10 to 500 characters. Do not include other people’s details." value={reason} onChange={setReason} errors={errors} />
        <button className="nhsuk-button nhsuk-button--warning" type="submit">
          Break glass and open the record
        </button>
      </form>
    </>
  );
}

/** A line of points, one per step span, in order; the text list beside it says the same for screen readers. */
function StepsPicture({ steps }: { steps: StepSpan[] }) {
  const gap = 140;
  const width = Math.max(1, steps.length) * gap;
  return (
    <svg role="img" aria-label={`Steps of care: ${steps.map((s) => label(s.step)).join(', then ')}`} width={width} height={70} viewBox={`0 0 ${width} 70`}>
      <line x1={gap / 2} y1={20} x2={width - gap / 2} y2={20} stroke="#005eb8" strokeWidth={4} />
      {steps.map((span, i) => (
        <g key={i}>
          <circle cx={gap / 2 + i * gap} cy={20} r={10} fill={span.until ? '#ffffff' : '#005eb8'} stroke="#005eb8" strokeWidth={4} />
          <text x={gap / 2 + i * gap} y={55} textAnchor="middle" fontSize={14} fill="#212b32">
            {label(span.step)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/**
 * The treating clinician's ways on from the journey: record a questionnaire for an episode their organisation provides
 * now (referrals `GET /patients/{id}/episodes`), the outcome charts and this person's risk alerts.
 */
function OutcomesLinks({ who, patientId }: { who: SessionUser; patientId: string }) {
  const [episodes, setEpisodes] = useState<Episode[]>([]);
  const patient = encodeURIComponent(patientId);
  useEffect(() => {
    api<{ items: Episode[] }>(`/api/referrals/patients/${patient}/episodes?pageSize=50`)
      .then((answer) => setEpisodes(answer.body.items))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
      });
  }, [patient]);
  const ours = episodes.filter((e) => e.providingOrganisationId === who.org && e.status !== 'Discharged');
  return (
    <>
      <h2>Appointments, outcomes and risk</h2>
      <ul className="nhsuk-list" data-testid="journey-outcomes">
        {ours.map((episode) => (
          <li key={episode.id}>
            <Link to={`/patients/${patient}/episodes/${encodeURIComponent(episode.id)}/book`}>Book an appointment ({label(episode.step)} episode)</Link>
          </li>
        ))}
        {ours.map((episode) => (
          <li key={`${episode.id}-questionnaire`}>
            <Link to={`/patients/${patient}/episodes/${encodeURIComponent(episode.id)}/questionnaire`}>Record a PHQ-9 or GAD-7 ({label(episode.step)} episode)</Link>
          </li>
        ))}
        {RECORDED_MEASURES.map((code) => (
          <li key={code}>
            <Link to={`/patients/${patient}/measures/${code}`}>{code} outcome chart</Link>
          </li>
        ))}
        <li>
          <Link to={`/patients/${patient}/appointments`}>Appointments and attendance</Link>
        </li>
        <li>
          <Link to={`/risk-alerts?patient=${patient}`}>Risk alerts for this person</Link>
        </li>
      </ul>
    </>
  );
}
