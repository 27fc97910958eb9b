import { useCallback, useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, TextArea, TextField } from '../components/fields';
import { Link } from '../components/link';
import { ReferralDetailsFields } from '../components/referral-details-fields';
import { api, ApiProblem } from '../lib/api';
import { EMPTY_REFERRAL, isReferralOutcome, needsIntake, NO_REFERRAL_OUTCOMES, type ReferralFormState } from '../lib/consultation-forms';
import { londonToday } from '../lib/date-entry';
import { DISCUSSION_FORM_FIELDS, discussionRequestOf, MDT_DECISIONS, MDT_LIST_FIELDS, mdtListQueryOf } from '../lib/mdt-forms';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, type Problem } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { useRecord } from '../lib/use-record';
import { label } from '../lib/vocabulary';

/** The MDT routes of the consultations API through the BFF (services/consultations README, issue 16 item 6). */
const BASE = '/api/consultations/mdt-meetings';

type ListCase =
  | { id: string; restricted: false; patient: { subjectId: string } | null; presentingOrganisation: string; decision: string | null; openActions: number }
  | { id: string; restricted: true; presentingOrganisation: string };

interface MeetingListItem {
  id: string;
  hostOrganisation: string;
  organisations: string[];
  startsAt: string;
  team: string;
  cases: ListCase[];
}

type MeetingCase =
  | {
      id: string;
      restricted: false;
      patient: { subjectId: string } | null;
      presentingOrganisation: string;
      presentedBy: string;
      question: string;
      discussion: { summary: string; decision: string; referral: { receivingOrganisation: string; urgency: string } | null; recordedAt: string } | null;
      actions: Array<{ id: string; description: string; owner: { userId: string; organisation: string }; dueDate: string; status: string }>;
    }
  | { id: string; restricted: true; presentingOrganisation: string };

interface Meeting {
  id: string;
  hostOrganisation: string;
  organisations: string[];
  startsAt: string;
  team: string;
  attendees: Array<{ userId: string; role: string; organisation: string }>;
  cases: MeetingCase[];
}

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });
const daysFrom = (today: string, days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** `/mdt-meetings`: the MDT meetings the caller's organisation holds or attends, starting within the dates chosen. */
export function MdtMeetingsPage({ who }: { who: SessionUser }) {
  const today = londonToday();
  const [range, setRange] = useState({ from: daysFrom(today, -7), to: daysFrom(today, 90) });
  const [shown, setShown] = useState(range);
  const [items, setItems] = useState<MeetingListItem[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);

  const load = useCallback(
    (from: string, to: string) => {
      const query = mdtListQueryOf(who.org, from, to);
      const show = (problem: Problem) => {
        setErrors(fieldErrorsOf(problem));
        setSummary(errorSummaryOf(problem, MDT_LIST_FIELDS));
      };
      if ('errors' in query) return show({ title: 'There is a problem', status: 400, errors: query.errors });
      setErrors({});
      setSummary(null);
      setShown({ from, to });
      api<{ items: MeetingListItem[] }>(`${BASE}?${query.query}`)
        .then((answer) => setItems(answer.body.items))
        .catch((error: unknown) => {
          if (!(error instanceof ApiProblem)) throw error;
          show(error.problem);
        });
    },
    [who.org],
  );
  const [initial] = useState(range);
  /** The first load only; later ones when the user asks (Show meetings). */
  useEffect(() => load(initial.from, initial.to), [load, initial]);

  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>MDT meetings</h1>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          load(range.from, range.to);
        }}
      >
        <TextField field="from" label="Starting from" hint="Year-month-day, like 2026-01-31; leave empty for no limit" width={10} value={range.from} onChange={(v) => setRange((r) => ({ ...r, from: v }))} errors={errors} />
        <TextField field="to" label="Starting up to" hint="Year-month-day; leave empty for no limit" width={10} value={range.to} onChange={(v) => setRange((r) => ({ ...r, to: v }))} errors={errors} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show meetings
        </button>
      </form>
      {items === null ? (
        <p>Loading…</p>
      ) : items.length === 0 ? (
        <p>No MDT meetings of your organisation start in this period.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">
            Meetings starting {shown.from || 'any time'} to {shown.to || 'any time'}, earliest first
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Starts</th>
              <th scope="col">Team</th>
              <th scope="col">Host</th>
              <th scope="col">Cases</th>
              <th scope="col">Decided</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {items.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/mdt-meetings/${encodeURIComponent(m.id)}`}>{when(m.startsAt)}</Link>
                </td>
                <td>{m.team}</td>
                <td>{m.hostOrganisation}</td>
                <td>{m.cases.length}</td>
                <td>{m.cases.filter((c) => !c.restricted && c.decision !== null).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** `/mdt-meetings/:id`: attendees and the agenda; the host's clinicians record each case's discussion and decision. */
export function MdtMeetingPage({ who, id, notFound }: { who: SessionUser; id: string; notFound: () => void }) {
  const { record, problem, reload } = useRecord<Meeting>(`${BASE}/${encodeURIComponent(id)}`, notFound);
  const [done, setDone] = useState<string | null>(null);
  /** The case whose discussion is being recorded: one form at a time, so each field's id is unique on the page. */
  const [deciding, setDeciding] = useState<string | null>(null);
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!record) return <p>Loading…</p>;
  const m = record.body;
  const mayDecide = m.hostOrganisation === who.org && who.roles.includes('clinician');
  return (
    <>
      {done ? <p className="nhsuk-body-l" role="status">{done}</p> : null}
      <h1>
        MDT meeting: {m.team}, {when(m.startsAt)}
      </h1>
      <p>Hosted by {m.hostOrganisation}.</p>
      <h2>Attendees</h2>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Attendees</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Staff user</th>
            <th scope="col">Role</th>
            <th scope="col">Organisation</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {m.attendees.map((a) => (
            <tr key={`${a.userId}-${a.role}`}>
              <td>{a.userId}</td>
              <td>{label(a.role)}</td>
              <td>{a.organisation}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Agenda</h2>
      {m.cases.length === 0 ? <p>No case is on the agenda yet.</p> : null}
      {m.cases.map((c, index) => (
        <section key={c.id} className="nhsuk-card">
          <div className="nhsuk-card__content">
            <h3 className="nhsuk-card__heading">
              Case {index + 1}, presented by {c.presentingOrganisation}
            </h3>
            {c.restricted ? (
              <p>A case about a person your organisation does not care for: only its presenting organisation and the host see it.</p>
            ) : (
              <>
                <p>{c.patient ? 'About an identified person.' : 'An anonymous case.'}</p>
                <p>
                  <strong>Question:</strong> {c.question}
                </p>
                {c.discussion ? (
                  <>
                    <p>
                      <strong>Decision:</strong> {label(c.discussion.decision)}
                      {c.discussion.referral ? ` — to ${c.discussion.referral.receivingOrganisation}, ${label(c.discussion.referral.urgency).toLowerCase()}` : ''}
                    </p>
                    <p>
                      <strong>Discussion:</strong> {c.discussion.summary}
                    </p>
                  </>
                ) : mayDecide && deciding === c.id ? (
                  <DiscussionForm
                    path={`${BASE}/${encodeURIComponent(m.id)}/cases/${encodeURIComponent(c.id)}/discussion`}
                    caseNumber={index + 1}
                    identified={c.patient !== null}
                    etag={record.etag}
                    onRecorded={() => {
                      setDeciding(null);
                      setDone(`Decision recorded for case ${index + 1}.`);
                      reload();
                    }}
                  />
                ) : mayDecide ? (
                  <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={() => setDeciding(c.id)}>
                    Record the discussion of case {index + 1}
                  </button>
                ) : (
                  <p>Not yet discussed.</p>
                )}
                {c.actions.length > 0 ? (
                  <ul className="nhsuk-list nhsuk-list--bullet">
                    {c.actions.map((a) => (
                      <li key={a.id}>
                        {a.description} — {a.owner.organisation}, due {a.dueDate} ({a.status})
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </div>
        </section>
      ))}
      <p>
        <Link to="/mdt-meetings">Back to MDT meetings</Link>
      </p>
    </>
  );
}

function DiscussionForm(props: { path: string; caseNumber: number; identified: boolean; etag: string | null; onRecorded: () => void }) {
  const [text, setText] = useState('');
  const [decision, setDecision] = useState<string[]>([]);
  const [referral, setReferral] = useState<ReferralFormState>(EMPTY_REFERRAL);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const decisions: readonly string[] = props.identified ? MDT_DECISIONS : NO_REFERRAL_OUTCOMES;
  const chosen = decision[0] ?? null;
  const show = (problem: Problem) => {
    setErrors(fieldErrorsOf(problem));
    setSummary(errorSummaryOf(problem, DISCUSSION_FORM_FIELDS));
  };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const result = discussionRequestOf({ summary: text, decision: chosen, identified: props.identified, referral }, new Date());
    if ('errors' in result) return show({ title: 'There is a problem', status: 400, errors: result.errors });
    try {
      await api(props.path, { method: 'POST', body: result.body, ifMatch: props.etag });
      props.onRecorded();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      show(error.problem);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <ErrorSummary summary={summary} />
      <h4>Record the discussion of case {props.caseNumber}</h4>
      <TextArea field="summary" label="Summary of the discussion" value={text} onChange={setText} errors={errors} />
      <ChoiceField
        kind="radios"
        field="decision"
        label="Decision"
        hint={props.identified ? 'A decision to refer asks for the referral details. A step change is proposed through the consultations API for now' : 'An anonymous case cannot be referred on'}
        errors={errors}
        options={decisions.map((d) => ({ value: d, text: label(d) }))}
        selected={decision}
        onChange={setDecision}
      />
      {props.identified && isReferralOutcome(chosen) ? <ReferralDetailsFields state={referral} onChange={setReferral} errors={errors} intake={needsIntake(chosen)} /> : null}
      <button className="nhsuk-button" type="submit">
        Record the decision
      </button>
    </form>
  );
}
