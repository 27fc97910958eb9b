/**
 * The steps of stepped care (DOMAIN.md "Stepped care"). A person may enter at any step, step up when they do not
 * improve, step down when they are ready, and move between organisations; every move is recorded with who decided,
 * why and on which evidence.
 */
export const STEPS = ['step-1', 'step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'] as const;
export type Step = (typeof STEPS)[number];

/** Glossary: what each step means in the clinic, and roughly what it offers. */
export const STEP_GLOSSARY: Readonly<Record<Step, string>> = {
  'step-1':
    'GP: recognition, assessment and active monitoring in the practice (further assessment within 2 weeks; ' +
    'contact if the person misses follow-up). Also where people are stepped down to when specialist care ends.',
  'step-2':
    'Low intensity: a psychological wellbeing practitioner offers guided self-help and psycho-education groups, ' +
    'typically 6–8 sessions of about 30 minutes.',
  'step-3':
    'High intensity: CBT, IPT, counselling, psychodynamic and other therapies, typically 12–20 sessions of about ' +
    'an hour.',
  'complex-needs':
    'Complex needs in primary care: psychotherapy or psychology for people NHS Talking Therapies does not fit ' +
    '(trauma, personality disorder, medically unexplained symptoms); dose varies.',
  'secondary-care':
    'Step 4, secondary care: the community mental health team (CMHT) and other specialist mental health services.',
  'crisis':
    'Step 4, crisis: the crisis resolution and home treatment team (assessment within 4 hours, rapid within ' +
    '2 days), or inpatient care.',
};

/**
 * How intensive a step is, used only to name the direction of a move. Complex needs sits beside high intensity
 * (a different pathway, not more care), and secondary care and crisis are both step 4 of the national model.
 */
const INTENSITY: Readonly<Record<Step, number>> = {
  'step-1': 1,
  'step-2': 2,
  'step-3': 3,
  'complex-needs': 3,
  'secondary-care': 4,
  'crisis': 4,
};

/** `up`: more intensive care; `down`: less; `across`: same intensity, another pathway or organisation. */
export type StepDirection = 'up' | 'down' | 'across';

export function directionOfMove(from: Step, to: Step): StepDirection {
  const delta = INTENSITY[to] - INTENSITY[from];
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'across';
}

export function isStep(value: unknown): value is Step {
  return typeof value === 'string' && (STEPS as readonly string[]).includes(value);
}

/**
 * Steps a triage decision can accept a referral to. Step 1 is not one of them: the GP already holds step 1, so
 * "manage in primary care" is a return to the referrer with advice, not an acceptance.
 */
export const ACCEPTANCE_STEPS = ['step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'] as const satisfies readonly Step[];
export type AcceptanceStep = (typeof ACCEPTANCE_STEPS)[number];

export function isAcceptanceStep(value: unknown): value is AcceptanceStep {
  return typeof value === 'string' && (ACCEPTANCE_STEPS as readonly string[]).includes(value);
}
