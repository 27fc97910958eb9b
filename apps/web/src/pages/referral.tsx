import { useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, SelectField, TextArea, TextField } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { useRecord } from '../lib/use-record';
import { type ErrorSummaryModel, errorSummaryOf, type Problem } from '../lib/problems';
import { canTriage, type SessionUser } from '../lib/session';
import { decidedMessage, TRIAGE_FORM_FIELDS, type TriageOutcomeChoice, triageRequestOf } from '../lib/triage-decision';
import { DECLINE_REASONS, label, REFER_ON_DESTINATIONS, STEPS } from '../lib/vocabulary';
import { Information } from '../components/information';

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

/** One referral; for a clinician of the receiving organisation while it awaits triage, the triage decision. */
export function ReferralPage({ who, id, notFound }: { who: SessionUser; id: string; notFound: () => void }) {
  const { record: referral, problem, reload: load } = useRecord<Referral>(`/api/referrals/referrals/${encodeURIComponent(id)}`, notFound);
  const [decided, setDecided] = useState<string | null>(null);
  const sent = new URLSearchParams(window.location.search).get('sent');

  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!referral) return <p>Loading…</p>;
  const r = referral.body;
  const mayTriage = canTriage(who) && r.receivingOrganisation === who.org && r.status === 'Received';
  return (
    <>
      {sent ? <Information>{sent === 'incomplete' ? 'Referral received incomplete: the receiving service will act on the risk answers now; complete the missing answers.' : 'Referral sent.'}</Information> : null}
      {decided ? <Information>{decided}</Information> : null}
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
        {r.referrerOrganisation === who.org ? (
          <>
            {' · '}
            <Link to={`/consultations/new?patient=${encodeURIComponent(r.patientSubjectId)}`}>Ask a specialist about this person</Link>
          </>
        ) : null}
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

interface DirectoryService {
  id: string;
  name: string;
  description?: string | null;
}

function TriageForm({ who, referral, etag, onDecided }: { who: SessionUser; referral: Referral; etag: string | null; onDecided: (message: string) => void }) {
  const [outcome, setOutcome] = useState<string[]>([]);
  const [step, setStep] = useState('step-2');
  const [mergedIntoReferralId, setMergedIntoReferralId] = useState('');
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<DirectoryService[] | null>(null);
  const [directoryServiceId, setDirectoryServiceId] = useState<string[]>([]);
  const [advice, setAdvice] = useState('');
  const [destination, setDestination] = useState<string>(REFER_ON_DESTINATIONS[0]);
  const [reason, setReason] = useState<string>(DECLINE_REASONS[0]);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);

  function show(problem: Problem) {
    const fieldErrors: FieldErrors = {};
    for (const e of problem.errors ?? []) fieldErrors[e.field === 'service' ? 'directoryServiceId' : e.field] = e.messages.join('. ');
    setErrors(fieldErrors);
    setSummary(errorSummaryOf(problem, TRIAGE_FORM_FIELDS));
  }

  /** The directory's public ORUK search (services/directory README `GET /services`). */
  async function findServices() {
    try {
      const answer = await api<{ contents: DirectoryService[] }>(`/api/directory/services?text=${encodeURIComponent(search.trim())}&per_page=20`);
      setFound(answer.body.contents);
      setDirectoryServiceId([]);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      show(error.problem);
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const chosen = (found ?? []).find((s) => s.id === directoryServiceId[0]) ?? null;
    const request = triageRequestOf(
      {
        outcome: (outcome[0] as TriageOutcomeChoice | undefined) ?? null,
        step,
        mergedIntoReferralId,
        directoryService: chosen ? { id: chosen.id, name: chosen.name } : null,
        advice,
        destination,
        reason,
        text,
        note,
      },
      who.org,
    );
    if ('errors' in request) {
      show({ title: 'There is a problem', status: 400, errors: request.errors });
      return;
    }
    try {
      await api(`/api/referrals/referrals/${encodeURIComponent(referral.id)}/triage`, { method: 'POST', body: request.body, ifMatch: etag });
      onDecided(decidedMessage(request.body, label));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      show(error.problem);
    }
  }

  const chosenOutcome = outcome[0];
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
          { value: 'merge', text: 'Merge into another open referral for this person' },
          { value: 'signpost', text: 'Signpost to a service in the directory' },
          { value: 'return-with-advice', text: 'Return to the referrer with advice' },
          { value: 'refer-on', text: 'Refer on' },
          { value: 'decline', text: 'Decline' },
        ]}
        selected={outcome}
        onChange={setOutcome}
      />
      {chosenOutcome === 'accept' ? (
        <SelectField field="step" label="Step" value={step} onChange={setStep} errors={errors} options={STEPS.map((s) => ({ value: s, text: label(s) }))} />
      ) : null}
      {chosenOutcome === 'merge' ? (
        <TextField
          field="mergedIntoReferralId"
          label="Reference of the referral to merge into"
          hint="An open referral of the same person that your organisation received or provides care for"
          value={mergedIntoReferralId}
          onChange={setMergedIntoReferralId}
          errors={errors}
        />
      ) : null}
      {chosenOutcome === 'signpost' ? (
        <>
          <TextField
            field="directoryServiceId"
            label="Search the directory"
            hint="For example: debt, walking group, bereavement"
            value={search}
            onChange={setSearch}
            errors={errors}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => void findServices()}>
            Search the directory
          </button>
          {found && found.length === 0 ? <p>No service in the directory matches. Try other words.</p> : null}
          {found && found.length > 0 ? (
            <ChoiceField
              kind="radios"
              field="directoryServiceChoice"
              label="Service to signpost to"
              errors={errors}
              options={found.map((s) => ({ value: s.id, text: s.name }))}
              selected={directoryServiceId}
              onChange={setDirectoryServiceId}
            />
          ) : null}
        </>
      ) : null}
      {chosenOutcome === 'return-with-advice' ? (
        <TextArea field="advice" label="Advice for the referrer" hint="What the referrer can do instead, or what to tell us if they refer again" value={advice} onChange={setAdvice} errors={errors} />
      ) : null}
      {chosenOutcome === 'refer-on' ? (
        <SelectField field="destination" label="Refer on to" value={destination} onChange={setDestination} errors={errors} options={REFER_ON_DESTINATIONS.map((s) => ({ value: s, text: label(s) }))} />
      ) : null}
      {chosenOutcome === 'decline' ? (
        <>
          <SelectField field="reason" label="Reason" value={reason} onChange={setReason} errors={errors} options={DECLINE_REASONS.map((s) => ({ value: s, text: label(s) }))} />
          <TextArea field="text" label="Explanation for the referrer" hint='Required when the reason is "Other"' value={text} onChange={setText} errors={errors} />
        </>
      ) : null}
      {chosenOutcome && !['return-with-advice', 'decline'].includes(chosenOutcome) ? (
        <TextArea field="note" label="Clinical note (optional)" hint="Kept with the decision; not sent to the referrer" value={note} onChange={setNote} errors={errors} />
      ) : null}
      <button className="nhsuk-button" type="submit">
        Save decision
      </button>
    </form>
  );
}
