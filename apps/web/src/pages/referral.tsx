import { useCallback, useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, SelectField, TextArea } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { type ErrorSummaryModel, errorSummaryOf, type Problem } from '../lib/problems';
import { canTriage, type SessionUser } from '../lib/session';
import { DECLINE_REASONS, label, STEPS } from '../lib/vocabulary';

export interface Referral {
  id: string;
  status: string;
  patientSubjectId: string;
  source: string;
  receivingOrganisation: string;
  referrerOrganisation: string | null;
  urgency: string | null;
  reason: string | null;
  presentingProblems: string[] | null;
  urgentTriageReasons: string[];
  receivedAt: string;
  triage?: { outcome: string; decidedAt: string; episodeId: string | null };
}

export const TRIAGE_FORM_FIELDS = ['outcome', 'step', 'providingOrganisation', 'reason', 'text'] as const;

/** One referral; for a clinician of the receiving organisation while it awaits triage, the triage decision. */
export function ReferralPage({ who, id, notFound }: { who: SessionUser; id: string; notFound: () => void }) {
  const [referral, setReferral] = useState<{ body: Referral; etag: string | null } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const sent = new URLSearchParams(window.location.search).get('sent');

  const load = useCallback(() => {
    api<Referral>(`/api/referrals/referrals/${encodeURIComponent(id)}`)
      .then((answer) => setReferral({ body: answer.body, etag: answer.etag }))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if ([400, 403, 404].includes(error.problem.status)) notFound();
        else setProblem(error.problem);
      });
  }, [id, notFound]);
  useEffect(load, [load]);

  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!referral) return <p>Loading…</p>;
  const r = referral.body;
  const mayTriage = canTriage(who) && r.receivingOrganisation === who.org && r.status === 'Received';
  return (
    <>
      {sent ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{sent === 'incomplete' ? 'Referral received incomplete: the receiving service will act on the risk answers now; complete the missing answers.' : 'Referral sent.'}</p>
        </div>
      ) : null}
      {decided ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{decided}</p>
        </div>
      ) : null}
      <h1>Referral</h1>
      <dl className="nhsuk-summary-list">
        {(
          [
            ['Status', r.status + (r.triage ? ` (${label(r.triage.outcome)})` : '')],
            ['Urgency', r.urgency ? label(r.urgency) : 'Not given'],
            ['Referred to', r.receivingOrganisation],
            ['Referred by', r.referrerOrganisation ?? label(r.source)],
            ['Received', new Date(r.receivedAt).toLocaleString('en-GB')],
            ['Reason', r.reason ?? 'Not given'],
            ['Presenting problems', (r.presentingProblems ?? []).map(label).join(', ') || 'Not given'],
          ] as const
        ).map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/patients/${encodeURIComponent(r.patientSubjectId)}/journey`}>See the patient&apos;s journey</Link>
      </p>
      {mayTriage ? (
        <TriageForm
          who={who}
          referral={r}
          etag={referral.etag}
          onDecided={(message) => {
            setDecided(message);
            load();
          }}
        />
      ) : null}
    </>
  );
}

function TriageForm({ who, referral, etag, onDecided }: { who: SessionUser; referral: Referral; etag: string | null; onDecided: (message: string) => void }) {
  const [outcome, setOutcome] = useState<string[]>([]);
  const [step, setStep] = useState('step-2');
  const [reason, setReason] = useState<string>(DECLINE_REASONS[0]);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (outcome.length === 0) {
      setErrors({ outcome: 'Choose accept or decline' });
      setSummary(errorSummaryOf({ title: 'Decision missing', status: 400, errors: [{ field: 'outcome', messages: ['Choose accept or decline'] }] }, TRIAGE_FORM_FIELDS));
      return;
    }
    const body =
      outcome[0] === 'accept'
        ? { outcome: 'accept', step, providingOrganisation: who.org }
        : { outcome: 'decline', reason, text: text.trim() };
    try {
      await api(`/api/referrals/referrals/${encodeURIComponent(referral.id)}/triage`, { method: 'POST', body, ifMatch: etag });
      onDecided(outcome[0] === 'accept' ? `Accepted to ${label(step)}.` : `Declined: ${label(reason)}.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const fieldErrors: FieldErrors = {};
      for (const e of error.problem.errors ?? []) fieldErrors[e.field] = e.messages.join('. ');
      setErrors(fieldErrors);
      setSummary(errorSummaryOf(error.problem, TRIAGE_FORM_FIELDS));
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary summary={summary} />
      <h2>Triage decision</h2>
      <ChoiceField
        kind="radios"
        field="outcome"
        label="Decision"
        errors={errors}
        options={[
          { value: 'accept', text: 'Accept to a step of care' },
          { value: 'decline', text: 'Decline' },
        ]}
        selected={outcome}
        onChange={setOutcome}
      />
      {outcome[0] === 'accept' ? (
        <SelectField field="step" label="Step" value={step} onChange={setStep} errors={errors} options={STEPS.map((s) => ({ value: s, text: label(s) }))} />
      ) : null}
      {outcome[0] === 'decline' ? (
        <>
          <SelectField field="reason" label="Reason" value={reason} onChange={setReason} errors={errors} options={DECLINE_REASONS.map((s) => ({ value: s, text: label(s) }))} />
          <TextArea field="text" label="Explanation for the referrer" hint='Required when the reason is "Other"' value={text} onChange={setText} errors={errors} />
        </>
      ) : null}
      <button className="nhsuk-button" type="submit">
        Save decision
      </button>
    </form>
  );
}
