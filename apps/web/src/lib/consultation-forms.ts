import { SPECIALISMS } from '@stepwell/contracts/browser';
import type { FieldError } from './problems';

export { SPECIALISMS };

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
