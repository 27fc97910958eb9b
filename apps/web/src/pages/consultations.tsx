import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, SelectField, TextArea, TextField } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import {
  ANSWER_FORM_FIELDS,
  answerRequestOf,
  CONSENT_NOT_NEEDED_REASONS,
  consultationRequestOf,
  CONSULTATION_URGENCIES,
  dismissRequestOf,
  dueInWords,
  dueTag,
  EMPTY_REFERRAL,
  type FormResult,
  isReferralOutcome,
  needsIntake,
  OFFER_FORM_FIELDS,
  offerAcceptRequestOf,
  RATING_FORM_FIELDS,
  ratingRequestOf,
  REQUEST_FORM_FIELDS,
  SPECIALISMS,
  textRequestOf,
  NO_REFERRAL_OUTCOMES,
  type ReferralFormState,
  WEB_ANSWER_OUTCOMES,
} from '../lib/consultation-forms';
import { ReferralDetailsFields } from '../components/referral-details-fields';
import { useRecord } from '../lib/use-record';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, type Problem } from '../lib/problems';
import { navigate } from '../lib/router';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';
import { Information } from '../components/information';

/** The consultations API through the BFF (services/consultations README). */
const BASE = '/api/consultations';

/** Who may ask (`POST /consultations` needs clinician or referrer; the service decides the rest). */
export const canAsk = (who: SessionUser): boolean => who.roles.includes('clinician') || who.roles.includes('referrer');

export const canConsult = (who: SessionUser): boolean => who.roles.includes('clinician') || who.roles.includes('referrer') || who.roles.includes('admin');

interface WorklistItem {
  id: string;
  requestingOrganisation: string;
  consultationService: string;
  urgency: string;
  status: string;
  assignedTo: string | null;
  requestedAt: string;
  dueAt: string;
  breached: boolean;
  outcome: string | null;
  answeredAt: string | null;
}

interface Consultation {
  id: string;
  requestingOrganisation: string;
  consultationService: string;
  question: string;
  context: { history: string; currentAndPastTreatment: string; medication: string; risk: string };
  urgency: string;
  preferredMode: string;
  status: string;
  assignedTo: string | null;
  requestedAt: string;
  dueAt: string;
  breached: boolean;
  /** Null for an anonymous case (it takes no referral outcome). */
  patient: { subjectId: string } | null;
  answer: {
    formulation: { presentingDifficulties: string; historyAndContext: string; maintainingFactors: string; strengths: string; risk: string; narrative: string };
    advice: string;
    outcome: string;
    specialism: string | null;
    answeredAt: string;
  } | null;
  rating: { usefulness: number; comment: string | null } | null;
  endReason: string | null;
  thread: Array<{ id: string; kind: string; byUser: string; byOrganisation: string; at: string; text: string }>;
}

interface Offering {
  organisation: string;
  modes: string[];
  eligibilityNotes: string;
  responseTargetWorkingDays: number;
}

interface Offer {
  id: string;
  patientSubjectId: string;
  trigger: string;
  summary: string;
  status: string;
  consultationId: string | null;
  offeredAt: string;
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

function Tag({ colour, text }: { colour: string; text: string }) {
  return <strong className={`nhsuk-tag nhsuk-tag--${colour}`}>{text}</strong>;
}

/**
 * `/consultations`: the organisation's consultations on both sides — asked of us (the worklist: urgent first, then by
 * due time as the service orders it, overdue in red) and asked by us (advice from consultations, with the outcome).
 */
export function ConsultationsPage({ who }: { who: SessionUser }) {
  const [items, setItems] = useState<WorklistItem[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api<{ items: WorklistItem[] }>(`${BASE}/consultations?organisation=${encodeURIComponent(who.org)}&pageSize=100`)
      .then((answer) => setItems(answer.body.items))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        setProblem(error.problem);
      });
  }, [who.org]);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!items) return <p>Loading…</p>;
  const now = new Date();
  const askedOfUs = items.filter((c) => c.consultationService === who.org);
  const askedByUs = items.filter((c) => c.requestingOrganisation === who.org);
  return (
    <>
      <h1>Consultations</h1>
      {canAsk(who) ? (
        <p>
          <Link to="/consultations/new">Ask for a consultation</Link>
        </p>
      ) : null}
      <h2>Asked of us</h2>
      {askedOfUs.length === 0 ? (
        <p>No consultation has been asked of your organisation.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Consultations asked of us, urgent first, then by due time</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Asked by</th>
              <th scope="col">Urgency</th>
              <th scope="col">Status</th>
              <th scope="col">Due</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {askedOfUs.map((c) => {
              const tag = dueTag(c, now);
              return (
                <tr key={c.id}>
                  <td>{c.requestingOrganisation}</td>
                  <td>{c.urgency === 'urgent' ? <Tag colour="red" text="Urgent" /> : 'Routine'}</td>
                  <td>{label(c.status)}</td>
                  <td>
                    {dueInWords(c.dueAt)} {tag ? <Tag colour={tag.colour} text={tag.text} /> : null}
                  </td>
                  <td>
                    <Link to={`/consultations/${encodeURIComponent(c.id)}`}>
                      Open<span className="nhsuk-u-visually-hidden"> the consultation from {c.requestingOrganisation} due {dueInWords(c.dueAt)}</span>
                    </Link>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Advice from consultations we asked for</h2>
      {askedByUs.length === 0 ? (
        <p>Your organisation has not asked for a consultation.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Consultations we asked for</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Asked</th>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {askedByUs.map((c) => (
              <tr key={c.id}>
                <td>{when(c.requestedAt)}</td>
                <td>{c.consultationService}</td>
                <td>{label(c.status)}</td>
                <td>{c.outcome ? label(c.outcome) : 'Not answered yet'}</td>
                <td>
                  <Link to={`/consultations/${encodeURIComponent(c.id)}`}>
                    Open<span className="nhsuk-u-visually-hidden"> the consultation asked {when(c.requestedAt)}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function SummaryList({ rows }: { rows: Array<readonly [string, string]> }) {
  return (
    <dl className="nhsuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="nhsuk-summary-list__row" key={key}>
          <dt className="nhsuk-summary-list__key">{key}</dt>
          <dd className="nhsuk-summary-list__value">{value || 'Not given'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `/consultations/:id`: the request, the answer once given; for the consultation service, accept and answer. */
export function ConsultationPage({ who, id, notFound }: { who: SessionUser; id: string; notFound: () => void }) {
  const { record: consultation, problem, setProblem, reload: load } = useRecord<Consultation>(`${BASE}/consultations/${encodeURIComponent(id)}`, notFound);
  const [done, setDone] = useState<string | null>(null);

  async function accept() {
    try {
      await api(`${BASE}/consultations/${encodeURIComponent(id)}/accept`, { method: 'POST', body: { assignTo: who.user }, ifMatch: consultation?.etag });
      setDone('Accepted and assigned to you.');
      setProblem(null);
      load();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error.problem);
    }
  }

  if (!consultation) return problem ? <ErrorSummary summary={errorSummaryOf(problem)} /> : <p>Loading…</p>;
  const c = consultation.body;
  const consulting = c.consultationService === who.org;
  const requesting = c.requestingOrganisation === who.org;
  return (
    <>
      {problem ? <ErrorSummary summary={errorSummaryOf(problem)} /> : null}
      {done ? <Information>{done}</Information> : null}
      <h1>Consultation</h1>
      <SummaryList
        rows={[
          ['Asked by', c.requestingOrganisation],
          ['Asked of', c.consultationService],
          ['Status', label(c.status)],
          ['Urgency', label(c.urgency)],
          ['Due', dueInWords(c.dueAt) + (c.breached ? ' (overdue)' : '')],
          ['Question', c.question],
          ['History', c.context.history],
          ['Current and past treatment', c.context.currentAndPastTreatment],
          ['Medication', c.context.medication],
          ['Risk', c.context.risk],
        ]}
      />
      {c.answer ? (
        <>
          <h2>Answer</h2>
          <SummaryList
            rows={[
              ['Outcome', label(c.answer.outcome)],
              ['Advice', c.answer.advice],
              ['Formulation', c.answer.formulation.narrative],
              ['Presenting difficulties', c.answer.formulation.presentingDifficulties],
              ['Maintaining factors', c.answer.formulation.maintainingFactors],
              ['Strengths', c.answer.formulation.strengths],
              ['Risk', c.answer.formulation.risk],
              ['Answered by', c.answer.specialism ? label(c.answer.specialism) : 'A specialist'],
              ['Answered', when(c.answer.answeredAt)],
            ]}
          />
        </>
      ) : null}
      {c.endReason ? <SummaryList rows={[[c.status === 'declined' ? 'Why it was declined' : 'Why it ended', c.endReason]]} /> : null}
      {c.thread.length > 0 ? (
        <>
          <h2>Messages</h2>
          <ul className="nhsuk-list nhsuk-list--border">
            {c.thread.map((entry) => (
              <li key={entry.id}>
                <strong>{THREAD_WORDS[entry.kind] ?? label(entry.kind)}</strong>, {entry.byOrganisation}, {when(entry.at)}: {entry.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.rating ? <SummaryList rows={[['Usefulness of the advice', `${c.rating.usefulness} out of 5`], ['Comment', c.rating.comment ?? '']]} /> : null}
      {consulting && c.status === 'requested' ? (
        <button className="nhsuk-button" type="button" onClick={() => void accept()}>
          Accept and assign to me
        </button>
      ) : null}
      {consulting && c.status === 'accepted' ? (
        <TextStepForm
          field="question"
          heading="Ask the requester for more information"
          label="What do you need to know?"
          button="Ask for information"
          missing="Enter what you need to know"
          path={`${BASE}/consultations/${encodeURIComponent(c.id)}/information-requests`}
          etag={consultation.etag}
          onDone={() => {
            setDone('Question sent to the requester.');
            load();
          }}
        />
      ) : null}
      {requesting && c.status === 'information-requested' ? (
        <TextStepForm
          field="text"
          heading="Give the information asked for"
          label="Your answer to the specialist"
          button="Send the information"
          missing="Enter the information the specialist asked for"
          path={`${BASE}/consultations/${encodeURIComponent(c.id)}/information`}
          etag={consultation.etag}
          onDone={() => {
            setDone('Information sent to the consultation service.');
            load();
          }}
        />
      ) : null}
      {requesting && (c.status === 'answered' || c.status === 'closed') && !c.rating ? (
        <RatingForm
          id={c.id}
          etag={consultation.etag}
          onRated={() => {
            setDone('Thank you: your rating was recorded.');
            load();
          }}
        />
      ) : null}
      {consulting && c.status === 'accepted' && who.roles.includes('clinician') ? (
        <AnswerForm
          id={c.id}
          identified={c.patient !== null}
          etag={consultation.etag}
          onAnswered={() => {
            setDone('Answer sent to the requester.');
            load();
          }}
        />
      ) : null}
      {consulting && AWAITING_ANSWER.includes(c.status) ? (
        <TextStepForm
          field="reason"
          heading="Decline the consultation"
          label="Why your service cannot give this consultation"
          hint="The requester reads this: say where they could ask instead."
          button="Decline the consultation"
          missing="Enter why your service cannot give this consultation"
          path={`${BASE}/consultations/${encodeURIComponent(c.id)}/decline`}
          etag={consultation.etag}
          onDone={() => {
            setDone('Declined: the requester can see your reason.');
            load();
          }}
        />
      ) : null}
      <p>
        <Link to="/consultations">Back to consultations</Link>
      </p>
    </>
  );
}

/** The statuses in which a consultation still awaits its answer (the service declines only then). */
const AWAITING_ANSWER = ['requested', 'accepted', 'information-requested'];
const THREAD_WORDS: Record<string, string> = { 'information-requested': 'Question from the specialist', 'information-provided': 'Information from the requester', message: 'Message' };

/**
 * One text a consultation step needs (asking for information, giving it, declining with a reason): its own check
 * first, then the service's problem on the same field; the consultation's version as `If-Match`; one idempotency key
 * per form, so a retried send is one thread entry.
 */
function TextStepForm(props: { field: 'reason' | 'question' | 'text'; heading: string; label: string; hint?: string; button: string; missing: string; path: string; etag: string | null; onDone: () => void }) {
  const [value, setValue] = useState('');
  const idempotencyKey = useRef(crypto.randomUUID());
  const { errors, summary, send } = useFormProblems([props.field]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (await send(textRequestOf(props.field, value, props.missing), (body) => api(props.path, { method: 'POST', body, ifMatch: props.etag, idempotencyKey: idempotencyKey.current }))) {
      idempotencyKey.current = crypto.randomUUID();
      setValue('');
      props.onDone();
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary summary={summary} />
      <h2>{props.heading}</h2>
      <TextArea field={props.field} label={props.label} value={value} onChange={setValue} errors={errors} {...(props.hint ? { hint: props.hint } : {})} />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        {props.button}
      </button>
    </form>
  );
}

/** The requester rates the advice once answered: 1 (not useful) to 5 (very useful), with an optional comment. */
function RatingForm({ id, etag, onRated }: { id: string; etag: string | null; onRated: () => void }) {
  const [usefulness, setUsefulness] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const { errors, summary, send } = useFormProblems(RATING_FORM_FIELDS);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (await send(ratingRequestOf(usefulness[0] ?? null, comment), (body) => api(`${BASE}/consultations/${encodeURIComponent(id)}/rating`, { method: 'POST', body, ifMatch: etag }))) onRated();
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary summary={summary} />
      <h2>Rate the advice</h2>
      <ChoiceField
        kind="radios"
        inline
        field="usefulness"
        label="How useful was the advice?"
        hint="1 is not useful, 5 is very useful"
        errors={errors}
        options={['1', '2', '3', '4', '5'].map((n) => ({ value: n, text: n }))}
        selected={usefulness}
        onChange={setUsefulness}
      />
      <TextArea field="comment" label="Comment (optional)" value={comment} onChange={setComment} errors={errors} />
      <button className="nhsuk-button" type="submit">
        Send rating
      </button>
    </form>
  );
}

function useFormProblems(fields: readonly string[]) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const show = (problem: Problem) => {
    setErrors(fieldErrorsOf(problem));
    setSummary(errorSummaryOf(problem, fields));
  };
  /** Sends a checked form: its own field errors first, then the service's problem, each on the form. */
  async function send(result: FormResult, call: (body: Record<string, unknown>) => Promise<unknown>): Promise<boolean> {
    if ('errors' in result) {
      show({ title: 'There is a problem', status: 400, errors: result.errors });
      return false;
    }
    try {
      await call(result.body);
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      show(error.problem);
      return false;
    }
  }
  return { errors, summary, send };
}

/**
 * The specialist's answer: formulation, advice, specialism and the coded outcome; an outcome that refers the person on
 * asks for the referral details the service requires (H-CB1), so the referral is made without retyping. An anonymous
 * case is offered only the outcomes that refer no one.
 */
function AnswerForm({ id, identified, etag, onAnswered }: { id: string; identified: boolean; etag: string | null; onAnswered: () => void }) {
  const [state, setState] = useState({ presentingDifficulties: '', maintainingFactors: '', strengths: '', risk: '', narrative: '', advice: '' });
  const [outcome, setOutcome] = useState<string[]>([]);
  const [specialism, setSpecialism] = useState<string>('');
  const [referral, setReferral] = useState<ReferralFormState>(EMPTY_REFERRAL);
  const outcomes: readonly string[] = identified ? WEB_ANSWER_OUTCOMES : NO_REFERRAL_OUTCOMES;
  const { errors, summary, send } = useFormProblems(ANSWER_FORM_FIELDS);
  const set = (key: keyof typeof state) => (value: string) => setState((s) => ({ ...s, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const result = answerRequestOf({ ...state, outcome: outcome[0] ?? null, specialism: specialism || null, identified, referral }, new Date());
    if (await send(result, (body) => api(`${BASE}/consultations/${encodeURIComponent(id)}/answer`, { method: 'POST', body, ifMatch: etag }))) onAnswered();
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary summary={summary} />
      <h2>Answer</h2>
      <TextArea field="formulation.presentingDifficulties" label="Presenting difficulties" value={state.presentingDifficulties} onChange={set('presentingDifficulties')} errors={errors} />
      <TextArea field="formulation.maintainingFactors" label="Maintaining factors" value={state.maintainingFactors} onChange={set('maintainingFactors')} errors={errors} />
      <TextArea field="formulation.strengths" label="Strengths" value={state.strengths} onChange={set('strengths')} errors={errors} />
      <TextArea field="formulation.risk" label="Risk" value={state.risk} onChange={set('risk')} errors={errors} />
      <TextArea field="formulation.narrative" label="Formulation" value={state.narrative} onChange={set('narrative')} errors={errors} />
      <TextArea field="advice" label="Advice to the requester" value={state.advice} onChange={set('advice')} errors={errors} />
      <ChoiceField
        kind="radios"
        field="outcome"
        label="Outcome"
        hint={
          identified
            ? 'An outcome that refers the person on asks for the referral details. A step change is proposed through the consultations API for now'
            : 'An anonymous case cannot be referred on'
        }
        errors={errors}
        options={outcomes.map((o) => ({ value: o, text: label(o) }))}
        selected={outcome}
        onChange={setOutcome}
      />
      {identified && isReferralOutcome(outcome[0] ?? null) ? <ReferralDetailsFields state={referral} onChange={setReferral} errors={errors} intake={needsIntake(outcome[0] ?? null)} /> : null}
      <SelectField
        field="specialism"
        label="Your specialism"
        value={specialism}
        onChange={setSpecialism}
        errors={errors}
        options={[{ value: '', text: 'Choose…' }, ...SPECIALISMS.map((s) => ({ value: s, text: label(s) }))]}
      />
      <button className="nhsuk-button" type="submit">
        Send answer
      </button>
    </form>
  );
}

/**
 * `/consultations/new[?patient=<subject id>]`: a GP or practice clinician asks a consultation service directly
 * (`POST /consultations`), choosing from the services that publish an offering (`GET /offerings`; their modes are what
 * the form offers). Opened from a person's referral the request is about them (consent, or the recognised reason it
 * was not needed); opened from the consultations list it is an anonymous case. One idempotency key per form: a
 * retried send answers the first consultation.
 */
export function NewConsultationPage({ who }: { who: SessionUser }) {
  const patientSubjectId = new URLSearchParams(window.location.search).get('patient');
  const [offerings, setOfferings] = useState<Offering[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<Problem | null>(null);
  const [form, setForm] = useState({ consultationService: '', question: '', history: '', currentAndPastTreatment: '', medication: '', risk: '', consentNotNeededBecause: '', preferredMode: '' });
  const [consent, setConsent] = useState<string[]>([]);
  const [urgency, setUrgency] = useState<string[]>([]);
  const idempotencyKey = useRef(crypto.randomUUID());
  const { errors, summary, send } = useFormProblems(REQUEST_FORM_FIELDS);
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    api<{ items: Offering[] }>(`${BASE}/offerings?pageSize=100`)
      .then((answer) => setOfferings(answer.body.items.filter((o) => o.organisation !== who.org)))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        setLoadProblem(error.problem);
      });
  }, [who.org]);

  if (loadProblem) return <ErrorSummary summary={errorSummaryOf(loadProblem)} />;
  if (!offerings) return <p>Loading…</p>;
  const chosen = offerings.find((o) => o.organisation === form.consultationService);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const result = consultationRequestOf({
      ...form,
      offeredModes: chosen?.modes ?? [],
      patientSubjectId,
      consent: consent[0] ?? null,
      consentNotNeededBecause: form.consentNotNeededBecause || null,
      urgency: urgency[0] ?? null,
      preferredMode: form.preferredMode || null,
    });
    let created: string | null = null;
    const ok = await send(result, async (body) => {
      const answer = await api<{ id: string }>(`${BASE}/consultations`, { method: 'POST', body, idempotencyKey: idempotencyKey.current });
      created = answer.body?.id ?? null;
    });
    if (ok && created) navigate(`/consultations/${encodeURIComponent(created)}`);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary summary={summary} />
      <h1>Ask for a consultation</h1>
      <p>
        {patientSubjectId
          ? 'About the person whose referral you came from. The specialist sees only what you write here.'
          : 'An anonymous case: say nothing that identifies the person. To ask about a named person, open their referral and choose “Ask a specialist about this person”.'}
      </p>
      {offerings.length === 0 ? <p>No consultation service publishes an offering yet.</p> : null}
      <SelectField
        field="consultationService"
        label="Consultation service"
        value={form.consultationService}
        onChange={(value) => setForm((f) => ({ ...f, consultationService: value, preferredMode: '' }))}
        errors={errors}
        options={[{ value: '', text: 'Choose…' }, ...offerings.map((o) => ({ value: o.organisation, text: `${o.organisation} (answers within ${o.responseTargetWorkingDays} working days)` }))]}
      />
      {chosen?.eligibilityNotes ? <Information>Who this service advises about: {chosen.eligibilityNotes}</Information> : null}
      {patientSubjectId ? (
        <>
          <ChoiceField
            kind="radios"
            field="patient.consent"
            label="Consent"
            errors={errors}
            options={[
              { value: 'recorded', text: 'The person agreed to me asking a specialist about them' },
              { value: 'not-needed', text: 'Consent was not needed' },
            ]}
            selected={consent}
            onChange={setConsent}
          />
          {consent[0] === 'not-needed' ? (
            <SelectField
              field="patient.consentNotNeededBecause"
              label="Why consent was not needed"
              value={form.consentNotNeededBecause}
              onChange={set('consentNotNeededBecause')}
              errors={errors}
              options={[{ value: '', text: 'Choose…' }, ...CONSENT_NOT_NEEDED_REASONS.map((r) => ({ value: r, text: label(r) }))]}
            />
          ) : null}
        </>
      ) : null}
      <TextArea field="question" label="Question for the specialist" value={form.question} onChange={set('question')} errors={errors} />
      <TextArea field="context.history" label="History" value={form.history} onChange={set('history')} errors={errors} />
      <TextArea field="context.currentAndPastTreatment" label="Current and past treatment" value={form.currentAndPastTreatment} onChange={set('currentAndPastTreatment')} errors={errors} />
      <TextArea field="context.medication" label="Medication" value={form.medication} onChange={set('medication')} errors={errors} />
      <TextArea field="context.risk" label="Current risk" value={form.risk} onChange={set('risk')} errors={errors} />
      <ChoiceField
        kind="radios"
        field="urgency"
        label="Urgency"
        hint="Urgent: the service answers within 1 working day; routine: within its response target"
        errors={errors}
        options={CONSULTATION_URGENCIES.map((u) => ({ value: u, text: label(u) }))}
        selected={urgency}
        onChange={setUrgency}
      />
      <SelectField
        field="preferredMode"
        label="How would you like the advice?"
        hint={chosen ? undefined : 'Choose the consultation service first: each offers its own ways'}
        value={form.preferredMode}
        onChange={set('preferredMode')}
        errors={errors}
        options={[{ value: '', text: 'Choose…' }, ...(chosen?.modes ?? []).map((m) => ({ value: m, text: label(m) }))]}
      />
      <button className="nhsuk-button" type="submit">
        Ask for the consultation
      </button>
    </form>
  );
}

/** `/consultation-offers`: the not-on-track offers to the treating organisation: ask a specialist, or dismiss with a reason. */
export function ConsultationOffersPage({ who }: { who: SessionUser }) {
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const load = useCallback(() => {
    api<{ items: Offer[] }>(`${BASE}/consultation-offers?organisation=${encodeURIComponent(who.org)}&pageSize=100`)
      .then((answer) => setOffers(answer.body.items))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        setProblem(error.problem);
      });
  }, [who.org]);
  useEffect(load, [load]);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!offers) return <p>Loading…</p>;
  return (
    <>
      <h1>Offers of a consultation</h1>
      <p>People whose care is not on track: ask a specialist, or record why not.</p>
      {offers.length === 0 ? <p>No offers.</p> : null}
      <ul className="nhsuk-list nhsuk-list--border">
        {offers.map((o) => (
          <li key={o.id}>
            <Link to={`/consultation-offers/${encodeURIComponent(o.id)}`}>{o.summary}</Link> — offered {when(o.offeredAt)}{' '}
            {o.status === 'open' ? <Tag colour="orange" text="Open" /> : <Tag colour="grey" text={label(o.status)} />}
          </li>
        ))}
      </ul>
    </>
  );
}

/** `/consultation-offers/:id`: one offer; while open, ask a specialist or dismiss it with a reason. */
export function ConsultationOfferPage({ id, notFound }: { id: string; notFound: () => void }) {
  const { record: offer, problem, reload: load } = useRecord<Offer>(`${BASE}/consultation-offers/${encodeURIComponent(id)}`, notFound);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!offer) return <p>Loading…</p>;
  const o = offer.body;
  return (
    <>
      <h1>Offer of a consultation</h1>
      <SummaryList
        rows={[
          ['Why', o.summary],
          ['Trigger', label(o.trigger)],
          ['Offered', when(o.offeredAt)],
          ['Status', label(o.status)],
        ]}
      />
      <p>
        <Link to={`/patients/${encodeURIComponent(o.patientSubjectId)}/journey`}>See the patient&apos;s journey</Link>
        {o.consultationId ? (
          <>
            {' · '}
            <Link to={`/consultations/${encodeURIComponent(o.consultationId)}`}>Open the consultation</Link>
          </>
        ) : null}
      </p>
      {o.status === 'open' ? <OfferForm offer={o} etag={offer.etag} onDecided={load} /> : null}
      <p>
        <Link to="/consultation-offers">Back to offers</Link>
      </p>
    </>
  );
}

function OfferForm({ offer, etag, onDecided }: { offer: Offer; etag: string | null; onDecided: () => void }) {
  const [choice, setChoice] = useState<string[]>([]);
  const [state, setState] = useState({ consultationService: '', question: '', risk: '', urgency: 'routine', preferredMode: 'written-advice' });
  const [consent, setConsent] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const { errors, summary, send } = useFormProblems(OFFER_FORM_FIELDS);
  const set = (key: keyof typeof state) => (value: string) => setState((s) => ({ ...s, [key]: value }));
  const path = `${BASE}/consultation-offers/${encodeURIComponent(offer.id)}`;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (choice[0] === 'dismiss') {
      if (await send(dismissRequestOf(reason), (body) => api(`${path}/dismiss`, { method: 'POST', body, ifMatch: etag }))) onDecided();
      return;
    }
    let created: string | null = null;
    const ok = await send(offerAcceptRequestOf({ ...state, consent: consent[0] ?? null }), async (body) => {
      const answer = await api<{ id: string }>(`${path}/accept`, { method: 'POST', body, ifMatch: etag });
      created = answer.body?.id ?? null;
    });
    if (ok && created) navigate(`/consultations/${encodeURIComponent(created)}`);
    else if (ok) onDecided();
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <div>
        <ErrorSummary summary={summary} />
        <h2>Decide</h2>
        <ChoiceField
          kind="radios"
          field="choice"
          label="What do you want to do?"
          errors={errors}
          options={[
            { value: 'accept', text: 'Ask a specialist' },
            { value: 'dismiss', text: 'No consultation needed' },
          ]}
          selected={choice}
          onChange={setChoice}
        />
        {choice[0] === 'accept' ? (
          <>
            <TextField field="consultationService" label="Consultation service (ODS code)" hint="For example DEMPC1" width={10} value={state.consultationService} onChange={set('consultationService')} errors={errors} />
            <ChoiceField
              kind="checkboxes"
              field="consent"
              label="Consent"
              errors={errors}
              options={[{ value: 'recorded', text: 'The person agreed to me asking a specialist about them' }]}
              selected={consent}
              onChange={setConsent}
            />
            <TextArea field="question" label="Question for the specialist" value={state.question} onChange={set('question')} errors={errors} />
            <TextArea field="context.risk" label="Current risk" value={state.risk} onChange={set('risk')} errors={errors} />
            <SelectField field="urgency" label="Urgency" value={state.urgency} onChange={set('urgency')} errors={errors} options={['routine', 'urgent'].map((u) => ({ value: u, text: label(u) }))} />
          </>
        ) : null}
        {choice[0] === 'dismiss' ? <TextArea field="reason" label="Why no consultation is needed" value={reason} onChange={setReason} errors={errors} /> : null}
        {choice[0] ? (
          <button className="nhsuk-button" type="submit">
            {choice[0] === 'accept' ? 'Ask for the consultation' : 'Dismiss the offer'}
          </button>
        ) : null}
      </div>
    </form>
  );
}
