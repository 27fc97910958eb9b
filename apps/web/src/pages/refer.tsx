import { useEffect, useState } from 'react';
import { ErrorSummary } from '../components/error-summary';
import { ChoiceField, type FieldErrors, SelectField, TextArea, TextField } from '../components/fields';
import { api, ApiProblem } from '../lib/api';
import { DateField } from '../components/date-field';
import { checkDate, type DateParts, londonToday } from '../lib/date-entry';
import { checkNhsNumber } from '../lib/nhs-number';
import { type ErrorSummaryModel, errorSummaryOf, fieldErrorsOf, fieldId } from '../lib/problems';
import { navigate } from '../lib/router';
import { rememberSentReferral, type SessionUser } from '../lib/session';
import { label, PRESENTING_PROBLEMS } from '../lib/vocabulary';

interface Organisation {
  code: string;
  name: string;
  organisationType: string;
}

/** Organisation types a GP refers to for mental health care (the receiving side of a referral). */
const RECEIVING_TYPES = ['talking-therapies', 'psychotherapy-consultation', 'secondary-care', 'crisis-team'];
const PROBLEMS = PRESENTING_PROBLEMS.map((code) => ({ value: code, text: label(code) }));
const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];

/** The API fields this form has an input for: an error summary links only to these. */
export const REFER_FORM_FIELDS = [
  'patient.nhsNumber', 'patient.givenName', 'patient.familyName', 'patient.dateOfBirth', 'patient.postcode', 'patient.email', 'patient.phone',
  'receivingOrganisation', 'urgency', 'reason', 'presentingProblems', 'riskIndicators.selfHarm', 'riskIndicators.suicidalThoughts',
  'riskIndicators.harmToOthers', 'consentToShare',
] as const;

const answer = (selected: string[]): boolean | undefined => (selected[0] === 'yes' ? true : selected[0] === 'no' ? false : undefined);

/** GP: refer a patient (POST /referrals as the referrals API takes it; the API decides, the form helps). */
export function ReferPage({ who }: { who: SessionUser }) {
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [form, setForm] = useState({ nhsNumber: '', givenName: '', familyName: '', day: '', month: '', year: '', postcode: '', email: '', phone: '', receivingOrganisation: '', reason: '' });
  const [urgency, setUrgency] = useState<string[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [risk, setRisk] = useState<Record<'selfHarm' | 'suicidalThoughts' | 'harmToOthers', string[]>>({ selfHarm: [], suicidalThoughts: [], harmToOthers: [] });
  const [consent, setConsent] = useState<string[]>([]);
  const [nhsBlurred, setNhsBlurred] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<ErrorSummaryModel | null>(null);
  const [sending, setSending] = useState(false);
  /** The date box the date-of-birth error is about (null: the whole date, as an API problem says it). */
  const [dobPart, setDobPart] = useState<keyof DateParts | null>(null);

  useEffect(() => {
    api<Organisation[]>('/api/referrals/organisations')
      .then((answer) => {
        const receiving = answer.body.filter((o) => RECEIVING_TYPES.includes(o.organisationType));
        setOrganisations(receiving);
        setForm((f) => ({ ...f, receivingOrganisation: f.receivingOrganisation || (receiving[0]?.code ?? '') }));
      })
      .catch((error: unknown) => {
        if (error instanceof ApiProblem) setSummary(errorSummaryOf(error.problem));
      });
  }, []);

  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const nhs = checkNhsNumber(form.nhsNumber, nhsBlurred);
  const nhsError = nhs.state === 'invalid' ? nhs.message : undefined;
  const shownErrors: FieldErrors = { ...errors, 'patient.nhsNumber': nhsError ?? errors['patient.nhsNumber'] };

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const finalNhs = checkNhsNumber(form.nhsNumber, true);
    setNhsBlurred(true);
    const dob = checkDate({ day: form.day, month: form.month, year: form.year }, 'Date of birth', { mustBePast: true, today: londonToday() });
    const own: FieldErrors = {};
    if (finalNhs.state === 'invalid') own['patient.nhsNumber'] = finalNhs.message;
    if (dob.state === 'invalid') own['patient.dateOfBirth'] = dob.message;
    setDobPart(dob.state === 'invalid' ? dob.part : null);
    if (Object.keys(own).length > 0) {
      setErrors(own);
      setSummary({ title: 'There is a problem', items: Object.entries(own).map(([field, text]) => ({ text: text as string, href: `#${fieldId(field)}` })) });
      return;
    }
    const dateOfBirth = dob.state === 'valid' ? dob.iso : undefined;
    const body = {
      source: 'gp',
      patient: {
        ...(finalNhs.state === 'valid' ? { nhsNumber: finalNhs.digits } : {}),
        givenName: form.givenName.trim() || undefined,
        familyName: form.familyName.trim() || undefined,
        dateOfBirth,
        postcode: form.postcode.trim() || undefined,
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      },
      receivingOrganisation: form.receivingOrganisation,
      urgency: urgency[0],
      reason: form.reason.trim() || undefined,
      presentingProblems: problems.length > 0 ? problems : undefined,
      riskIndicators: { selfHarm: answer(risk.selfHarm), suicidalThoughts: answer(risk.suicidalThoughts), harmToOthers: answer(risk.harmToOthers) },
      consentToShare: answer(consent),
    };
    setSending(true);
    try {
      const sent = await api<{ id: string }>('/api/referrals/referrals', { method: 'POST', body });
      rememberSentReferral(who, sent.body.id);
      navigate(`/referrals/${sent.body.id}?sent=${sent.status === 202 ? 'incomplete' : 'yes'}`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setErrors(fieldErrorsOf(error.problem));
      setSummary(errorSummaryOf(error.problem, REFER_FORM_FIELDS));
    } finally {
      setSending(false);
    }
  }

  const riskField = (key: 'selfHarm' | 'suicidalThoughts' | 'harmToOthers', label: string) => (
    <ChoiceField kind="radios" inline field={`riskIndicators.${key}`} label={label} errors={shownErrors} options={YES_NO} selected={risk[key]} onChange={(v) => setRisk((r) => ({ ...r, [key]: v }))} />
  );

  return (
    <>
      <ErrorSummary summary={summary} />
      <h1>Refer a patient</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2>Patient</h2>
        <TextField
          field="patient.nhsNumber"
          label="NHS number (optional)"
          hint={nhs.state === 'valid' ? `Valid NHS number: ${nhs.formatted}` : 'For example, 485 777 3456'}
          width={10}
          inputMode="numeric"
          value={form.nhsNumber}
          onChange={(v) => {
            set('nhsNumber')(v);
            setErrors((e) => ({ ...e, 'patient.nhsNumber': undefined }));
          }}
          onBlur={() => setNhsBlurred(true)}
          errors={shownErrors}
        />
        <TextField field="patient.givenName" label="First name" autoComplete="off" value={form.givenName} onChange={set('givenName')} errors={shownErrors} width={20} />
        <TextField field="patient.familyName" label="Last name" autoComplete="off" value={form.familyName} onChange={set('familyName')} errors={shownErrors} width={20} />
        <DateField
          field="patient.dateOfBirth"
          label="Date of birth"
          hint="For example, 15 3 1984"
          value={{ day: form.day, month: form.month, year: form.year }}
          onChange={(parts) => setForm((f) => ({ ...f, ...parts }))}
          errors={shownErrors}
          errorPart={dobPart}
        />
        <TextField field="patient.postcode" label="Postcode" width={10} value={form.postcode} onChange={set('postcode')} errors={shownErrors} />
        <TextField field="patient.email" label="Email address" hint="An email address or a phone number" type="email" value={form.email} onChange={set('email')} errors={shownErrors} />
        <TextField field="patient.phone" label="Phone number" type="tel" width={20} value={form.phone} onChange={set('phone')} errors={shownErrors} />

        <h2>Referral</h2>
        <SelectField
          field="receivingOrganisation"
          label="Refer to"
          value={form.receivingOrganisation}
          onChange={set('receivingOrganisation')}
          errors={shownErrors}
          options={organisations.map((o) => ({ value: o.code, text: `${o.name} (${o.code})` }))}
        />
        <ChoiceField
          kind="radios"
          field="urgency"
          label="Urgency"
          errors={shownErrors}
          options={[
            { value: 'routine', text: 'Routine' },
            { value: 'urgent', text: 'Urgent' },
            { value: 'crisis', text: 'Crisis (within hours)' },
          ]}
          selected={urgency}
          onChange={setUrgency}
        />
        <TextArea field="reason" label="Reason for referral" hint="Do not include other people's details" value={form.reason} onChange={set('reason')} errors={shownErrors} />
        <ChoiceField kind="checkboxes" field="presentingProblems" label="Presenting problems" errors={shownErrors} options={PROBLEMS} selected={problems} onChange={setProblems} />

        <h2>Risk</h2>
        {riskField('selfHarm', 'Self-harm')}
        {riskField('suicidalThoughts', 'Suicidal thoughts')}
        {riskField('harmToOthers', 'Risk of harm to others')}
        <ChoiceField kind="radios" inline field="consentToShare" label="Has the patient agreed to this referral and to sharing their details?" errors={shownErrors} options={YES_NO} selected={consent} onChange={setConsent} />
        <button className="nhsuk-button" type="submit" disabled={sending}>
          Send referral
        </button>
      </form>
    </>
  );
}
