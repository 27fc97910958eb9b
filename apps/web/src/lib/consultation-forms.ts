import { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_OUTCOMES, CONSULTATION_URGENCIES, REFERRAL_URGENCIES, SPECIALISMS } from '@stepwell/contracts/browser';
import type { FieldError } from './problems';

export { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_URGENCIES, REFERRAL_URGENCIES, SPECIALISMS };

/**
 * The consultation screens' form logic (services/consultations README): the specialist's answer, and the treating
 * clinician's accept / dismiss of a not-on-track offer. Each returns the request body, or the field errors the form
 * shows before anything is sent — named as the API names them, so a problem from the service lands on the same field.
 */
export type FormResult = { body: Record<string, unknown> } | { errors: FieldError[] };

/**
 * The outcomes the web answer form offers: every coded outcome but `step-change` (it names the person's episode and
 * providing organisation, which the specialist does not see here: give it through the consultations API). An
 * anonymous case takes no referral (the service refuses it), so it is offered only the outcomes that refer no one.
 */
export const NO_REFERRAL_OUTCOMES = ['manage-in-primary-care', 'no-action'] as const;
export const WEB_ANSWER_OUTCOMES = CONSULTATION_OUTCOMES.filter((o) => o !== 'step-change');
/** The outcomes that mean a referral: they need `referral` (services/consultations README, `/answer`). */
export const isReferralOutcome = (outcome: string | null): boolean =>
  outcome !== null && (CONSULTATION_OUTCOMES as readonly string[]).includes(outcome) && !(NO_REFERRAL_OUTCOMES as readonly string[]).includes(outcome) && outcome !== 'step-change';
/** `direct-psychological-therapy`: the consultation service takes the person on itself, so no intake answers (H-CB1). */
export const needsIntake = (outcome: string | null): boolean => isReferralOutcome(outcome) && outcome !== 'direct-psychological-therapy';

export const REFERRAL_FIELDS = [
  'referral.receivingOrganisation', 'referral.urgency', 'referral.riskIndicators.selfHarm', 'referral.riskIndicators.suicidalThoughts',
  'referral.riskIndicators.harmToOthers', 'referral.presentingProblems', 'referral.consent.personConsented', 'referral.consent.obtainedBy',
] as const;
export const ANSWER_FORM_FIELDS = [
  'formulation.presentingDifficulties', 'formulation.maintainingFactors', 'formulation.strengths', 'formulation.risk', 'formulation.narrative', 'advice', 'outcome', 'specialism',
  ...REFERRAL_FIELDS,
] as const;

/** The referral details of a referral outcome, as the form holds them ('yes' / 'no' answers, checkbox lists). */
export interface ReferralFormState {
  receivingOrganisation: string;
  urgency: string | null;
  selfHarm: string | null;
  suicidalThoughts: string | null;
  harmToOthers: string | null;
  presentingProblems: readonly string[];
  /** Ticked: the person agreed to the referral. */
  personConsented: boolean;
  /** `requesting-clinician` or `specialist` (REFERRAL_CONSENT_OBTAINED_BY in the consultations contracts). */
  obtainedBy: string | null;
}

export const EMPTY_REFERRAL: ReferralFormState = {
  receivingOrganisation: '', urgency: null, selfHarm: null, suicidalThoughts: null, harmToOthers: null, presentingProblems: [], personConsented: false, obtainedBy: null,
};

const ODS_CODE = /^[A-Z0-9]{3,10}$/;
const RISK_QUESTIONS = [
  ['selfHarm', 'self-harm'],
  ['suicidalThoughts', 'suicidal thoughts'],
  ['harmToOthers', 'risk of harm to others'],
] as const;

/**
 * The `referral` a referral outcome (or an MDT decision to refer) sends: where, how urgently and — unless the outcome
 * is `direct-psychological-therapy` — the referral intake's answers, every risk question answered yes or no (never
 * defaulted: H-WM1) and the person's consent, confirmed at `now` (the moment the specialist records it: H-WM2).
 */
export function referralDetailsOf(outcome: string | null, state: ReferralFormState, now: Date, fail: (field: string, message: string) => void): Record<string, unknown> {
  const organisation = state.receivingOrganisation.trim().toUpperCase();
  if (!organisation) fail('referral.receivingOrganisation', 'Enter the ODS code of the organisation the referral goes to');
  else if (!ODS_CODE.test(organisation)) fail('referral.receivingOrganisation', 'Enter an ODS code, like RXT02');
  if (!(REFERRAL_URGENCIES as readonly string[]).includes(state.urgency ?? '')) fail('referral.urgency', 'Choose how urgent the referral is');
  const referral: Record<string, unknown> = { receivingOrganisation: organisation, urgency: state.urgency };
  if (!needsIntake(outcome)) return referral;
  const risk: Record<string, boolean> = {};
  for (const [key, words] of RISK_QUESTIONS) {
    const value = state[key];
    if (value === 'yes' || value === 'no') risk[key] = value === 'yes';
    else fail(`referral.riskIndicators.${key}`, `Answer whether there is ${words}`);
  }
  if (state.presentingProblems.length === 0) fail('referral.presentingProblems', 'Choose at least one presenting problem');
  if (!state.personConsented) fail('referral.consent.personConsented', 'Confirm the person agreed to the referral');
  if (state.obtainedBy !== 'requesting-clinician' && state.obtainedBy !== 'specialist') fail('referral.consent.obtainedBy', 'Choose who heard the person agree');
  return {
    ...referral,
    riskIndicators: risk,
    presentingProblems: [...state.presentingProblems],
    consent: { personConsented: true, obtainedBy: state.obtainedBy, obtainedAt: now.toISOString() },
  };
}

export interface AnswerFormState {
  presentingDifficulties: string;
  maintainingFactors: string;
  strengths: string;
  risk: string;
  narrative: string;
  advice: string;
  outcome: string | null;
  specialism: string | null;
  /** False for an anonymous case: then a referral outcome is refused before anything is sent. */
  identified: boolean;
  referral: ReferralFormState;
}

export function answerRequestOf(state: AnswerFormState, now: Date): FormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  if (!state.narrative.trim()) fail('formulation.narrative', 'Enter the formulation');
  if (!state.advice.trim()) fail('advice', 'Enter your advice to the requester');
  if (!state.outcome || !(WEB_ANSWER_OUTCOMES as readonly string[]).includes(state.outcome)) fail('outcome', 'Choose the outcome');
  else if (!state.identified && isReferralOutcome(state.outcome)) fail('outcome', 'An anonymous case cannot be referred: choose manage in primary care or no action');
  if (!state.specialism) fail('specialism', 'Choose your specialism');
  const referral = state.identified && isReferralOutcome(state.outcome) ? referralDetailsOf(state.outcome, state.referral, now, fail) : null;
  if (errors.length > 0) return { errors };
  return {
    body: {
      formulation: {
        presentingDifficulties: state.presentingDifficulties.trim(),
        historyAndContext: '',
        maintainingFactors: state.maintainingFactors.trim(),
        strengths: state.strengths.trim(),
        risk: state.risk.trim(),
        narrative: state.narrative.trim(),
      },
      advice: state.advice.trim(),
      outcome: state.outcome,
      specialism: state.specialism,
      ...(referral ? { referral } : {}),
    },
  };
}

export const OFFER_FORM_FIELDS = ['consultationService', 'consent', 'question', 'context.risk', 'urgency', 'reason'] as const;

export interface OfferAcceptState {
  consultationService: string;
  consent: string | null;
  question: string;
  risk: string;
  urgency: string;
  preferredMode: string;
}

export function offerAcceptRequestOf(state: OfferAcceptState): FormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  const service = state.consultationService.trim().toUpperCase();
  if (!service) fail('consultationService', 'Enter the ODS code of the consultation service to ask');
  else if (!ODS_CODE.test(service)) fail('consultationService', 'Enter an ODS code, like DEMPC1');
  if (state.consent !== 'recorded') fail('consent', 'Confirm the person agreed to you asking a specialist about them');
  if (!state.question.trim()) fail('question', 'Enter the question for the specialist');
  if (errors.length > 0) return { errors };
  return {
    body: {
      consultationService: service,
      consent: 'recorded',
      question: state.question.trim(),
      context: { history: '', currentAndPastTreatment: '', medication: '', risk: state.risk.trim() },
      urgency: state.urgency,
      preferredMode: state.preferredMode,
    },
  };
}

export const REQUEST_FORM_FIELDS = [
  'consultationService', 'patient', 'patient.consent', 'patient.consentNotNeededBecause', 'question', 'context.history', 'context.currentAndPastTreatment',
  'context.medication', 'context.risk', 'urgency', 'preferredMode',
] as const;

/**
 * A GP's or practice clinician's own request (`POST /consultations`, not from an offer). `patientSubjectId` is the
 * person the form was opened for (from their referral or journey), or null: then the case goes anonymous — the form
 * never lets an identified person be sent without consent recorded or the recognised reason it was not needed (H-WK1).
 */
export interface ConsultationRequestState {
  consultationService: string;
  /** The modes the chosen service publishes (its offering); the preferred mode must be one of them. */
  offeredModes: readonly string[];
  patientSubjectId: string | null;
  /** `recorded`, `not-needed`, or null (not answered). */
  consent: string | null;
  consentNotNeededBecause: string | null;
  question: string;
  history: string;
  currentAndPastTreatment: string;
  medication: string;
  risk: string;
  urgency: string | null;
  preferredMode: string | null;
}

export function consultationRequestOf(state: ConsultationRequestState): FormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  if (!state.consultationService) fail('consultationService', 'Choose the consultation service to ask');
  if (state.patientSubjectId) {
    if (state.consent !== 'recorded' && state.consent !== 'not-needed') fail('patient.consent', 'Say whether the person agreed to you asking a specialist about them');
    else if (state.consent === 'not-needed' && !(CONSENT_NOT_NEEDED_REASONS as readonly string[]).includes(state.consentNotNeededBecause ?? '')) {
      fail('patient.consentNotNeededBecause', 'Choose why consent was not needed');
    }
  }
  if (!state.question.trim()) fail('question', 'Enter the question for the specialist');
  if (!(CONSULTATION_URGENCIES as readonly string[]).includes(state.urgency ?? '')) fail('urgency', 'Choose how urgent it is');
  if (!state.preferredMode || !(CONSULTATION_MODES as readonly string[]).includes(state.preferredMode)) fail('preferredMode', 'Choose how you would like the advice');
  else if (state.consultationService && !state.offeredModes.includes(state.preferredMode)) fail('preferredMode', 'Choose a way of giving advice the service offers');
  if (errors.length > 0) return { errors };
  const patient = state.patientSubjectId
    ? {
        patient: {
          subjectId: state.patientSubjectId,
          consent: state.consent,
          ...(state.consent === 'not-needed' ? { consentNotNeededBecause: state.consentNotNeededBecause } : {}),
        },
      }
    : { anonymous: true };
  return {
    body: {
      consultationService: state.consultationService,
      ...patient,
      question: state.question.trim(),
      context: { history: state.history.trim(), currentAndPastTreatment: state.currentAndPastTreatment.trim(), medication: state.medication.trim(), risk: state.risk.trim() },
      sharedMeasureIds: [],
      urgency: state.urgency,
      preferredMode: state.preferredMode,
    },
  };
}

export const RATING_FORM_FIELDS = ['usefulness', 'comment'] as const;

/** The requester rates the advice: usefulness 1–5 (required), a comment only when one is written. */
export function ratingRequestOf(usefulness: string | null, comment: string): FormResult {
  const score = Number(usefulness);
  if (!usefulness || !Number.isInteger(score) || score < 1 || score > 5) return { errors: [{ field: 'usefulness', messages: ['Choose how useful the advice was, from 1 to 5'] }] };
  return { body: { usefulness: score, ...(comment.trim() ? { comment: comment.trim() } : {}) } };
}

/** One required text of a consultation step (decline `reason`, information request `question`, information `text`). */
export function textRequestOf(field: 'reason' | 'question' | 'text', value: string, message: string): FormResult {
  return value.trim() ? { body: { [field]: value.trim() } } : { errors: [{ field, messages: [message] }] };
}

export function dismissRequestOf(reason: string): FormResult {
  return reason.trim() ? { body: { reason: reason.trim() } } : { errors: [{ field: 'reason', messages: ['Enter why no consultation is needed'] }] };
}

/** The worklist's colour for a consultation awaiting an answer: overdue (red), due within a day (orange), else none. */
export function dueTag(item: { dueAt: string; breached: boolean; status: string }, now: Date): { text: string; colour: 'red' | 'orange' } | null {
  if (!['requested', 'accepted', 'information-requested'].includes(item.status)) return null;
  const due = new Date(item.dueAt).getTime();
  if (item.breached || due <= now.getTime()) return { text: 'Overdue', colour: 'red' };
  if (due - now.getTime() <= 24 * 3600 * 1000) return { text: 'Due within a day', colour: 'orange' };
  return null;
}

/**
 * A due time in words: the service's due time is the Europe/London midnight that ends the last working day, so it is
 * shown as "end of" that day (Mon, 7 Dec), never as 00:00 of the next (8 Dec), which reads as a day later than it is.
 */
export function dueInWords(dueAt: string): string {
  const lastMoment = new Date(new Date(dueAt).getTime() - 1);
  return `end of ${lastMoment.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' })}`;
}
