import { SOCIAL_PRESCRIPTION_DECLINE_REASONS } from '@stepwell/contracts/browser';
import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, SelectField, TextArea, TextField } from '../components/fields';
import { Link } from '../components/link';
import { api, ApiProblem } from '../lib/api';
import { useRecord } from '../lib/use-record';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, type Problem } from '../lib/problems';
import type { SessionUser } from '../lib/session';
import { label } from '../lib/vocabulary';
import { DIRECTORY_SEARCH_FIELDS, type DirectoryOpening, directoryQueryOf, distanceText, openingText, searchFieldOf } from '../lib/directory-search';
import { Information } from '../components/information';

/**
 * A social prescription as the directory answers it: in full to the link worker's organisation that holds it, cut to
 * the minimum-necessary view (id, status, person, referral, shared goals, progress) for the community organisation
 * the person was referred to (services/directory README "Social prescriptions").
 */
export interface SocialPrescription {
  id: string;
  status: string;
  person: { name: string; contact: { method: string; value: string } };
  referral: { service_id: string; organisation_id: string; made_at: string; reply_by: string; asks: string; safety_notes: string | null; accepted_at: string | null } | null;
  shared_goals: Array<{ id: string; domain: string; description: string; progress: string | null }>;
  progress: { started_on: string | null; sessions_attended: number; sessions_missed: number; ended_on: string | null };
  link_worker_organisation_id?: string;
  reason?: string;
  consent?: { share_with_organisation_ids: string[] };
  goals?: Array<{ id: string; domain: string; description: string; shareable: boolean; progress: string | null }>;
  declined?: Array<{ service_id: string; organisation_id: string; outcome: string; reason: string | null; at: string }>;
}

interface DirectoryService {
  id: string;
  name: string;
  description?: string | null;
  organization_id?: string;
  /** metres to its nearest location, when searched from a point */
  distance?: number | null;
  /** from `GET /services/{id}`: the list routes do not carry it */
  stepwell_opening?: DirectoryOpening | null;
}

/** The reasons a community organisation may give (the contracts' list; `no-reply` is the 14-day check's, never a person's). */
export const COMMUNITY_DECLINE_REASONS = SOCIAL_PRESCRIPTION_DECLINE_REASONS.filter((reason) => reason !== 'no-reply');
export const PRESCRIBE_FORM_FIELDS = ['service_id', 'asks', 'shared_goal_ids', 'safety_notes'] as const;
export const canLinkWork = (who: SessionUser): boolean => who.roles.includes('link-worker') || (who.orgType === 'voluntary-sector' && who.roles.includes('admin'));

const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

function PrescriptionsTable({ items, caption, inbox }: { items: SocialPrescription[]; caption: string; inbox: boolean }) {
  return (
    <table className="nhsuk-table" data-testid={inbox ? 'inbox' : 'caseload'}>
      <caption className="nhsuk-table__caption">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th scope="col" className="nhsuk-table__header">Person</th>
          <th scope="col" className="nhsuk-table__header">Status</th>
          <th scope="col" className="nhsuk-table__header">{inbox ? 'Answer by' : 'Referred to'}</th>
          <th scope="col" className="nhsuk-table__header">Open</th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {items.map((p, i) => (
          <tr className="nhsuk-table__row" key={p.id}>
            <td className="nhsuk-table__cell">{p.person.name}</td>
            <td className="nhsuk-table__cell">{statusWords(p.status)}</td>
            <td className="nhsuk-table__cell">{inbox ? (p.referral ? day(p.referral.reply_by) : '') : (p.referral?.organisation_id ?? 'Not yet')}</td>
            <td className="nhsuk-table__cell">
              <Link to={`/social-prescriptions/${encodeURIComponent(p.id)}`}>Open social prescription {i + 1}</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STATUS_WORDS: Record<string, string> = {
  Referred: 'Referred to the link worker',
  Assessed: 'What matters recorded; ready to refer',
  AwaitingReply: 'Awaiting the community organisation’s answer',
  Accepted: 'Accepted by the community organisation',
  Waiting: 'Waiting to start',
  Started: 'Started',
  Completed: 'Completed',
  DroppedOut: 'Dropped out',
};
export const statusWords = (status: string): string => STATUS_WORDS[status] ?? status;

function useList(path: string): { items: SocialPrescription[] | null; problem: Problem | null } {
  const [items, setItems] = useState<SocialPrescription[] | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    api<{ items: SocialPrescription[] }>(path)
      .then((answer) => setItems(answer.body.items))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setProblem(error.problem);
        else throw error;
      });
  }, [path]);
  return { items, problem };
}

/** The link worker's caseload: prescriptions its organisation holds (directory `GET /social-prescriptions`). */
export function CaseloadPage({ who }: { who: SessionUser }) {
  const { items, problem } = useList('/api/directory/social-prescriptions?pageSize=100');
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!items) return <p>Loading…</p>;
  return (
    <>
      <h1>Social prescriptions</h1>
      <p className="nhsuk-hint">People {who.org}’s link workers hold, newest first.</p>
      {items.length === 0 ? <p>No social prescriptions.</p> : <PrescriptionsTable items={items} caption="Caseload" inbox={false} />}
    </>
  );
}

/** A community organisation's inbox: direct referrals to its services (minimum-necessary view, 14 days to answer). */
export function InboxPage({ who }: { who: SessionUser }) {
  const { items, problem } = useList('/api/directory/social-prescriptions/inbox?pageSize=100');
  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!items) return <p>Loading…</p>;
  return (
    <>
      <h1>Referrals to your services</h1>
      <p className="nhsuk-hint">
        Direct referrals to {who.org}’s listed services, awaiting your answer or accepted. Answer within 14 days: after that the referral is declined for you and goes back
        to the link worker.
      </p>
      {items.length === 0 ? <p>No referrals.</p> : <PrescriptionsTable items={items} caption="Inbox" inbox />}
    </>
  );
}

/** One social prescription: the holder prescribes a directory service; the community organisation accepts or declines. */
export function SocialPrescriptionPage({ who, id, notFound }: { who: SessionUser; id: string; notFound: () => void }) {
  const { record: view, setRecord: setView, problem } = useRecord<SocialPrescription>(`/api/directory/social-prescriptions/${encodeURIComponent(id)}`, notFound);
  const [done, setDone] = useState<string | null>(null);

  if (problem) return <ErrorSummary summary={errorSummaryOf(problem)} />;
  if (!view) return <p>Loading…</p>;
  const p = view.body;
  const holder = p.link_worker_organisation_id === who.org;
  const recipient = p.referral?.organisation_id === who.org && !holder;
  const changed = (answer: { body: SocialPrescription; etag: string | null }, message: string) => {
    setView(answer);
    setDone(message);
  };
  const rows: Array<[string, string]> = [
    ['Status', statusWords(p.status)],
    ['Contact', `${label(p.person.contact.method)}: ${p.person.contact.value}`],
    ...(p.reason ? ([['Reason for referral', p.reason]] as Array<[string, string]>) : []),
    ...(p.referral
      ? ([
          ['Referred to', `${p.referral.service_id} (${p.referral.organisation_id}) on ${day(p.referral.made_at)}`],
          ['What the referral asks', p.referral.asks],
          ['Safety notes passed on', p.referral.safety_notes ?? 'None'],
          [p.referral.accepted_at ? 'Accepted' : 'Answer by', day(p.referral.accepted_at ?? p.referral.reply_by)],
        ] as Array<[string, string]>)
      : []),
    ['Goals shared', p.shared_goals.map((g) => `${label(g.domain)}: ${g.description}`).join('; ') || 'None'],
  ];
  return (
    <>
      {done ? <Information>{done}</Information> : null}
      <h1>Social prescription for {p.person.name}</h1>
      {recipient ? <p className="nhsuk-hint">You see what the person agreed to share with your organisation, nothing of their health records.</p> : null}
      <dl className="nhsuk-summary-list" data-testid="social-prescription">
        {rows.map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {holder && p.status === 'Assessed' ? <PrescribeForm prescription={p} etag={view.etag} onDone={changed} /> : null}
      {recipient && p.status === 'AwaitingReply' ? <AnswerForm prescription={p} etag={view.etag} onDone={changed} /> : null}
    </>
  );
}

function PrescribeForm({ prescription, etag, onDone }: { prescription: SocialPrescription; etag: string | null; onDone: (answer: { body: SocialPrescription; etag: string | null }, message: string) => void }) {
  const [search, setSearch] = useState('');
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [radiusKm, setRadiusKm] = useState('5');
  const [hoursNow, setHoursNow] = useState<string[]>([]);
  const [need, setNeed] = useState('');
  const [needs, setNeeds] = useState<Array<{ id: string; name: string }>>([]);
  const [searchErrors, setSearchErrors] = useState<FieldErrors>({});
  const [services, setServices] = useState<DirectoryService[] | null>(null);
  const [serviceId, setServiceId] = useState<string[]>([]);
  const [asks, setAsks] = useState('');
  const [goals, setGoals] = useState<string[]>([]);
  const [safety, setSafety] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const shareable = (prescription.goals ?? []).filter((g) => g.shareable);

  /** The directory's public search (lib/directory-search), then each result's opening status from its own record. */
  // The needs to search by: the directory's taxonomy terms (the whole-life vocabulary and any imported one).
  useEffect(() => {
    api<{ contents: Array<{ id: string; name: string }> }>('/api/directory/taxonomy_terms?per_page=200')
      .then((answer) => setNeeds(answer.body.contents))
      .catch(() => setNeeds([]));
  }, []);

  async function find(event: React.FormEvent) {
    event.preventDefault();
    const built = directoryQueryOf({ text: search, latitude, longitude, radiusKm, hoursNow: hoursNow.length > 0, taxonomyTermId: need }, new Date());
    if ('errors' in built) {
      const problem = { title: 'There is a problem', status: 400, errors: built.errors };
      setSearchErrors(fieldErrorsOf(problem));
      setSummary(errorSummaryOf(problem, DIRECTORY_SEARCH_FIELDS));
      return;
    }
    try {
      const answer = await api<{ contents: DirectoryService[] }>(`/api/directory/services?${built.query}`);
      const withOpening = await Promise.all(
        answer.body.contents.map(async (s) => {
          const one = await api<DirectoryService>(`/api/directory/services/${encodeURIComponent(s.id)}`).catch(() => null);
          return { ...s, stepwell_opening: one?.body.stepwell_opening ?? null };
        }),
      );
      setSearchErrors({});
      setSummary(null);
      setServices(withOpening);
      setServiceId([]);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const problem = { ...error.problem, errors: error.problem.errors?.map((e) => ({ ...e, field: searchFieldOf(e.field) })) };
      setSearchErrors(fieldErrorsOf(problem));
      setSummary(errorSummaryOf(problem, DIRECTORY_SEARCH_FIELDS));
    }
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const own: FieldErrors = {};
    if (!serviceId[0]) own['service_id'] = 'Choose a service from the directory';
    if (!asks.trim()) own['asks'] = 'Enter what the referral asks the service to do';
    if (Object.keys(own).length > 0) {
      setErrors(own);
      setSummary(errorSummaryOf({ title: 'There is a problem', status: 400, errors: Object.entries(own).map(([field, text]) => ({ field, messages: [text as string] })) }, PRESCRIBE_FORM_FIELDS));
      return;
    }
    try {
      const answer = await api<SocialPrescription>(`/api/directory/social-prescriptions/${encodeURIComponent(prescription.id)}/community-referral`, {
        method: 'POST',
        ifMatch: etag,
        body: { service_id: serviceId[0], asks: asks.trim(), shared_goal_ids: goals, ...(safety.trim() ? { safety_notes: safety.trim() } : {}) },
      });
      const name = services?.find((s) => s.id === serviceId[0])?.name ?? 'the service';
      onDone({ body: answer.body, etag: answer.etag }, `Referred to ${name}. They have until ${answer.body.referral ? day(answer.body.referral.reply_by) : 'the reply date'} to answer.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, PRESCRIBE_FORM_FIELDS));
    }
  }

  return (
    <>
      <ErrorSummary summary={summary} />
      <h2>Prescribe a community service</h2>
      <form onSubmit={(event) => void find(event)} noValidate role="search" aria-label="Directory">
        <TextField field="directory-search" label="Search the directory" hint="Words in the service’s name or description, for example debt" value={search} onChange={setSearch} errors={searchErrors} width={20} />
        {needs.length > 0 ? (
          <SelectField field="need" label="Need (optional)" value={need} onChange={setNeed} errors={searchErrors} options={[{ value: '', text: 'Any need' }, ...needs.map((t) => ({ value: t.id, text: t.name }))]} />
        ) : null}
        <p className="nhsuk-body-s" data-testid="directory-limits">
          Search by postcode is not available: the directory has no postcode source and refuses one. To search by distance, enter the latitude and longitude of the place.
        </p>
        <TextField field="latitude" label="Latitude (optional)" hint="Decimal degrees, for example 53.7997" value={latitude} onChange={setLatitude} errors={searchErrors} width={10} inputMode="text" />
        <TextField field="longitude" label="Longitude (optional)" hint="Decimal degrees, for example -1.5492" value={longitude} onChange={setLongitude} errors={searchErrors} width={10} inputMode="text" />
        <TextField field="radius" label="Within (kilometres)" hint="Used with a latitude and longitude; nearest first" value={radiusKm} onChange={setRadiusKm} errors={searchErrors} width={10} inputMode="text" />
        <ChoiceField
          kind="checkboxes"
          field="hours-now"
          label="Opening hours"
          hint="The directory cannot filter its list on open now. This asks for services with weekly hours on today’s weekday at this time; it does not leave out holidays or weeks a monthly group does not meet. Each result shows its own opening status."
          errors={searchErrors}
          options={[{ value: 'yes', text: 'Only services with hours now' }]}
          selected={hoursNow}
          onChange={setHoursNow}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </form>
      {services ? (
        <form onSubmit={(event) => void submit(event)} noValidate>
          {services.length === 0 ? (
            <p>No services match. Try other words, a wider distance, or without hours now.</p>
          ) : (
            <ChoiceField
              kind="radios"
              field="service_id"
              label="Service"
              errors={errors}
              options={services.map((s) => ({
                value: s.id,
                text: [`${s.name}${s.description ? `: ${s.description}` : ''}`, distanceText(s.distance), openingText(s.stepwell_opening)].filter(Boolean).join(' — '),
              }))}
              selected={serviceId}
              onChange={setServiceId}
            />
          )}
          <TextArea field="asks" label="What the referral asks" hint="The community organisation sees this" value={asks} onChange={setAsks} errors={errors} />
          {shareable.length > 0 ? (
            <ChoiceField
              kind="checkboxes"
              field="shared_goal_ids"
              label="Goals to pass on"
              hint="Only goals the person chose to share are listed"
              errors={errors}
              options={shareable.map((g) => ({ value: g.id, text: `${label(g.domain)}: ${g.description}` }))}
              selected={goals}
              onChange={setGoals}
            />
          ) : null}
          <TextArea field="safety_notes" label="Safety notes to pass on (optional)" hint="Only what the service needs to work safely with the person" value={safety} onChange={setSafety} errors={errors} />
          <button className="nhsuk-button" type="submit">
            Send the referral
          </button>
        </form>
      ) : null}
    </>
  );
}

function AnswerForm({ prescription, etag, onDone }: { prescription: SocialPrescription; etag: string | null; onDone: (answer: { body: SocialPrescription; etag: string | null }, message: string) => void }) {
  const [reason, setReason] = useState<string>(COMMUNITY_DECLINE_REASONS[0] as string);
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const path = `/api/directory/social-prescriptions/${encodeURIComponent(prescription.id)}`;

  async function answer(kind: 'accept' | 'decline') {
    try {
      const answered = await api<SocialPrescription>(`${path}/${kind}`, { method: 'POST', ifMatch: etag, body: kind === 'decline' ? { reason } : {} });
      onDone({ body: answered.body, etag: answered.etag }, kind === 'accept' ? 'Referral accepted. The link worker can see that you accepted it.' : `Referral declined: ${label(reason)}. It goes back to the link worker.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setSummary(errorSummaryOf(error.problem, ['reason']));
    }
  }

  return (
    <>
      <ErrorSummary summary={summary} />
      <h2>Your answer</h2>
      <form onSubmit={(event) => (event.preventDefault(), void answer('accept'))} noValidate aria-label="Accept">
        <button className="nhsuk-button" type="submit">
          Accept the referral
        </button>
      </form>
      <form onSubmit={(event) => (event.preventDefault(), void answer('decline'))} noValidate aria-label="Decline">
        <SelectField field="reason" label="Or decline, because" value={reason} onChange={setReason} errors={{}} options={COMMUNITY_DECLINE_REASONS.map((r) => ({ value: r, text: label(r) }))} />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Decline the referral
        </button>
      </form>
    </>
  );
}
