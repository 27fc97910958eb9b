import { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_URGENCIES, SPECIALISMS } from '@stepwell/contracts/browser';
import type { FieldError } from './problems';

export { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_MODES, CONSULTATION_URGENCIES, SPECIALISMS };

/**
 * The consultation screens' form logic (services/consultations README): the specialist's answer, and the treating
 * clinician's accept / dismiss of a not-on-track offer. Each returns the request body, or the field errors the form
 * shows before anything is sent — named as the API names them, so a problem from the service lands on the same field.
 */
export type FormResult = { body: Record<string, unknown> } | { errors: FieldError[] };

/** The outcomes the web answer form offers: those that need no referral intake (H-CB1) or step change details. */
export const WEB_ANSWER_OUTCOMES = ['manage-in-primary-care', 'no-action'] as const;
export const ANSWER_FORM_FIELDS = ['formulation.presentingDifficulties', 'formulation.maintainingFactors', 'formulation.strengths', 'formulation.risk', 'formulation.narrative', 'advice', 'outcome', 'specialism'] as const;

export interface AnswerFormState {
  presentingDifficulties: string;
  maintainingFactors: string;
  strengths: string;
  risk: string;
  narrative: string;
  advice: string;
  outcome: string | null;
  specialism: string | null;
}

export function answerRequestOf(state: AnswerFormState): FormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  if (!state.narrative.trim()) fail('formulation.narrative', 'Enter the formulation');
  if (!state.advice.trim()) fail('advice', 'Enter your advice to the requester');
  if (!state.outcome) fail('outcome', 'Choose the outcome');
  if (!state.specialism) fail('specialism', 'Choose your specialism');
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
    },
  };
}

export const OFFER_FORM_FIELDS = ['consultationService', 'consent', 'question', 'context.risk', 'urgency', 'reason'] as const;
const ODS_CODE = /^[A-Z0-9]{3,10}$/;

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
