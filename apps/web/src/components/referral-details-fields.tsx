import { label, PRESENTING_PROBLEMS } from '../lib/vocabulary';
import { REFERRAL_URGENCIES, type ReferralFormState } from '../lib/consultation-forms';
import { ChoiceField, type FieldErrors, TextField } from './fields';

const YES_NO = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
const RISKS = [
  ['selfHarm', 'Self-harm'],
  ['suicidalThoughts', 'Suicidal thoughts'],
  ['harmToOthers', 'Risk of harm to others'],
] as const;

/**
 * The referral details an outcome (or an MDT decision) that refers the person on needs — `referral.*` as the
 * consultations API names them, so its problems land on these fields. `intake` false: only where and how urgently
 * (`direct-psychological-therapy`: the service takes the person on itself).
 */
export function ReferralDetailsFields(props: { state: ReferralFormState; onChange: (state: ReferralFormState) => void; errors: FieldErrors; intake: boolean }) {
  const { state, errors } = props;
  const set = (patch: Partial<ReferralFormState>) => props.onChange({ ...state, ...patch });
  const one = (value: string | null) => (value ? [value] : []);
  return (
    <>
      <h3>Referral</h3>
      <TextField field="referral.receivingOrganisation" label="Organisation the referral goes to (ODS code)" hint="For example RXT02" width={10} value={state.receivingOrganisation} onChange={(v) => set({ receivingOrganisation: v })} errors={errors} />
      <ChoiceField kind="radios" field="referral.urgency" label="How urgent is the referral?" errors={errors} options={REFERRAL_URGENCIES.map((u) => ({ value: u, text: u === 'crisis' ? 'Crisis (within hours)' : label(u) }))} selected={one(state.urgency)} onChange={(v) => set({ urgency: v[0] ?? null })} />
      {props.intake ? (
        <>
          <ChoiceField kind="checkboxes" field="referral.presentingProblems" label="Presenting problems" errors={errors} options={PRESENTING_PROBLEMS.map((p) => ({ value: p, text: label(p) }))} selected={state.presentingProblems} onChange={(v) => set({ presentingProblems: v })} />
          {RISKS.map(([key, words]) => (
            <ChoiceField key={key} kind="radios" inline field={`referral.riskIndicators.${key}`} label={words} errors={errors} options={YES_NO} selected={one(state[key])} onChange={(v) => set({ [key]: v[0] ?? null })} />
          ))}
          <ChoiceField
            kind="checkboxes"
            field="referral.consent.personConsented"
            label="Consent to the referral"
            errors={errors}
            options={[{ value: 'yes', text: 'The person agreed to this referral' }]}
            selected={state.personConsented ? ['yes'] : []}
            onChange={(v) => set({ personConsented: v.includes('yes') })}
          />
          <ChoiceField
            kind="radios"
            field="referral.consent.obtainedBy"
            label="Who heard the person agree?"
            errors={errors}
            options={[
              { value: 'requesting-clinician', text: 'The clinician who asked' },
              { value: 'specialist', text: 'A specialist' },
            ]}
            selected={one(state.obtainedBy)}
            onChange={(v) => set({ obtainedBy: v[0] ?? null })}
          />
        </>
      ) : null}
    </>
  );
}
