import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { errorSummaryOf, type Problem } from '../lib/problems';
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
  useEffect(() => {
    api<Journey>(`/api/referrals/patients/${encodeURIComponent(patientId)}/journey`)
      .then((answer) => setJourney(answer.body))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if ([400, 403, 404].includes(error.problem.status)) notFound();
        else setProblem(error.problem);
      });
  }, [patientId, notFound]);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!journey) return <p>Loading…</p>;
  return (
    <>
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
      {canTriage(who) ? <OutcomesLinks who={who} patientId={patientId} /> : null}
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
      <h2>Outcomes and risk</h2>
      <ul className="nhsuk-list" data-testid="journey-outcomes">
        {ours.map((episode) => (
          <li key={episode.id}>
            <Link to={`/patients/${patient}/episodes/${encodeURIComponent(episode.id)}/questionnaire`}>Record a PHQ-9 or GAD-7 ({label(episode.step)} episode)</Link>
          </li>
        ))}
        {RECORDED_MEASURES.map((code) => (
          <li key={code}>
            <Link to={`/patients/${patient}/measures/${code}`}>{code} outcome chart</Link>
          </li>
        ))}
        <li>
          <Link to={`/risk-alerts?patient=${patient}`}>Risk alerts for this person</Link>
        </li>
      </ul>
    </>
  );
}
