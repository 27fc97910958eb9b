import { CARE_STEPS, PRESENTING_PROBLEM_CODE, REFERRAL_CONSENT_OBTAINED_BY, REFERRAL_URGENCIES, isInstant, type CareStep, type ConsultationOutcome } from '@stepwell/contracts';
import { assertNever, DomainError, type Decider } from '@stepwell/decider';
import type { ConsultationCommand, ConsultationEvent, ConsultationState, Party, ReferralRequest, ReferralRequestInput } from './consultation.types';
import { sameFacts } from '@stepwell/decider';
import {
  ATTENDEE_ROLES,
  AWAITING_ANSWER,
  CALL_MODES,
  CONSULTATION_MODES,
  CONSULTATION_OUTCOMES,
  CONSULTATION_URGENCIES,
  CONSENT_NOT_NEEDED_REASONS,
  FINISHED,
  includes,
  REFERRAL_OUTCOME_STEPS,
  SPECIALISMS,
  type ConsultationStatus,
} from './vocabulary';

type Open = Exclude<ConsultationState, { status: 'None' }>;

const illegal = (state: Open, what: string): never => {
  throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${what} a consultation that is ${state.status}`, { status: state.status });
};

function requireStatus(state: Open, allowed: readonly ConsultationStatus[], what: string): void {
  if (!allowed.includes(state.status)) illegal(state, what);
}

/** Only the consultation service acts on the specialist side. */
function asService(state: Open, by: Party): void {
  if (by.organisationId !== state.request.consultationServiceId) {
    throw new DomainError('NOT_CONSULTATION_SERVICE', 'Only the consultation service asked can do this');
  }
}

/** Only the organisation that asked acts on the requester side. */
function asRequester(state: Open, by: Party): void {
  if (by.organisationId !== state.request.requestingOrganisationId) {
    throw new DomainError('NOT_REQUESTER', 'Only the organisation that asked can do this');
  }
}

function text(value: string, field: string, max = 10_000): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new DomainError('INVALID_TEXT', `${field} is 1 to ${max} characters`, { field });
  }
}

function decideRequest(command: Extract<ConsultationCommand, { type: 'RequestConsultation' }>, state: ConsultationState): ConsultationEvent[] {
  const r = command.request;
  if (state.status !== 'None') {
    // A retry of the same request (same id) is a no-op; anything else under the id is a conflict.
    if (sameFacts(state.request, r)) return [];
    throw new DomainError('CONSULTATION_ID_CONFLICT', 'A different consultation has this id');
  }
  if (r.requestingOrganisationId === r.consultationServiceId) throw new DomainError('SELF_CONSULTATION', 'An organisation does not consult itself');
  if (!includes(CONSULTATION_URGENCIES, r.urgency)) throw new DomainError('INVALID_URGENCY', 'Unknown urgency');
  if (!includes(CONSULTATION_MODES, r.preferredMode)) throw new DomainError('INVALID_MODES', 'Unknown consultation mode');
  if (!command.offeredModes.includes(r.preferredMode)) throw new DomainError('MODE_NOT_OFFERED', 'The consultation service does not offer that mode');
  if (r.subject.kind === 'identified' && !r.subject.consent.recorded && !includes(CONSENT_NOT_NEEDED_REASONS, r.subject.consent.notNeededBecause)) {
    throw new DomainError('CONSENT_REQUIRED', 'Record the patient’s consent, or why it was not needed');
  }
  text(r.question, 'question');
  if (Date.parse(r.dueAt) <= Date.parse(r.requestedAt)) throw new DomainError('INVALID_DUE_TIME', 'The due time must follow the request');
  return [{ type: 'ConsultationRequested', data: r }];
}

/**
 * The outcomes whose referral goes to another organisation's intake and so must carry what the intake needs (hazard
 * H-CB1). `direct-psychological-therapy` is the consultation service taking the person on itself (referrals counts
 * it as care accepted, issue 18): no referral is created from it, so it needs no intake answers.
 */
export function needsReferralIntake(outcome: ConsultationOutcome): boolean {
  return REFERRAL_OUTCOME_STEPS[outcome] !== undefined && outcome !== 'direct-psychological-therapy';
}

/**
 * The intake's answers every referral made from advice carries (hazard H-CB1), shared by a consultation's answer and
 * an MDT case's decision: the three risk answers (booleans — never defaulted) and at least one presenting problem as
 * a code (no free text may travel). `missingConsent` names the consent fields the caller found missing, so that one
 * 422 `REFERRAL_INTAKE_REQUIRED` names every missing field (`details.fields`) and no referral is ever made on an
 * answer nobody gave.
 */
export function referralIntakeAnswers(input: Pick<ReferralRequestInput, 'riskIndicators' | 'presentingProblems'>, missingConsent: readonly string[]): Required<Pick<ReferralRequest, 'riskIndicators' | 'presentingProblems'>> {
  const risk = input.riskIndicators ?? {};
  const missing: string[] = [];
  for (const question of ['selfHarm', 'suicidalThoughts', 'harmToOthers'] as const) {
    if (typeof risk[question] !== 'boolean') missing.push(`referral.riskIndicators.${question}`);
  }
  const problems = input.presentingProblems ?? [];
  if (problems.length === 0) missing.push('referral.presentingProblems');
  missing.push(...missingConsent);
  if (missing.length > 0) {
    throw new DomainError('REFERRAL_INTAKE_REQUIRED', `A referral needs the answers to: ${missing.join(', ')}`, { fields: missing });
  }
  if (problems.length > 20 || problems.some((code) => typeof code !== 'string' || !PRESENTING_PROBLEM_CODE.test(code))) {
    throw new DomainError('INVALID_PRESENTING_PROBLEM', 'referral.presentingProblems are codes (lower-case words joined by -), at most 20', { field: 'referral.presentingProblems' });
  }
  return {
    riskIndicators: { selfHarm: risk.selfHarm as boolean, suicidalThoughts: risk.suicidalThoughts as boolean, harmToOthers: risk.harmToOthers as boolean },
    presentingProblems: [...problems],
  };
}

/**
 * The consent confirmation's fields missing from an input (a confirmation: the person consented, who heard it, when).
 */
export function missingConsentConfirmation(consent: ReferralRequestInput['consent']): string[] {
  const c = consent ?? {};
  const missing: string[] = [];
  if (c.personConsented !== true) missing.push('referral.consent.personConsented');
  if (!c.obtainedBy) missing.push('referral.consent.obtainedBy');
  if (!c.obtainedAt) missing.push('referral.consent.obtainedAt');
  return missing;
}

/** A complete consent confirmation, checked: a known `obtainedBy`, an instant no later than the decision. */
export function consentConfirmation(consent: ReferralRequestInput['consent'], decidedAt: string): ReferralRequest['consent'] & object {
  const c = consent ?? {};
  if (!includes(REFERRAL_CONSENT_OBTAINED_BY, c.obtainedBy) || !isInstant(c.obtainedAt) || Date.parse(c.obtainedAt as string) > Date.parse(decidedAt)) {
    throw new DomainError('INVALID_REFERRAL_CONSENT', 'referral.consent.obtainedAt is an instant no later than the answer, obtainedBy a known code', { field: 'referral.consent' });
  }
  return { personConsented: true, obtainedBy: c.obtainedBy, obtainedAt: c.obtainedAt as string };
}

/**
 * The referral as the referrals service's intake needs it: the intake's answers (`referralIntakeAnswers`) and the
 * specialist's confirmation that the person consented (who obtained it, when: not after the answer).
 */
function referralWithIntake(input: ReferralRequestInput, step: CareStep, answeredAt: string): ReferralRequest {
  const answers = referralIntakeAnswers(input, missingConsentConfirmation(input.consent));
  return {
    referralRequestId: input.referralRequestId,
    receivingOrganisationId: input.receivingOrganisationId,
    targetStep: step,
    urgency: input.urgency,
    ...answers,
    consent: consentConfirmation(input.consent, answeredAt),
  };
}

function decideAnswer(command: Extract<ConsultationCommand, { type: 'AnswerConsultation' }>, state: Open): ConsultationEvent[] {
  asService(state, command.by);
  if (state.status === 'answered' && state.answer && sameFacts([state.answer.formulation, state.answer.advice, state.answer.outcome], [command.formulation, command.advice, command.outcome])) {
    return [];
  }
  requireStatus(state, ['accepted'], 'answer');
  if (!includes(CONSULTATION_OUTCOMES, command.outcome)) throw new DomainError('INVALID_OUTCOME', 'Unknown consultation outcome');
  text(command.advice, 'advice');
  text(command.formulation.narrative, 'formulation.narrative');
  const identified = state.request.subject.kind === 'identified';
  const step = REFERRAL_OUTCOME_STEPS[command.outcome];
  const input = command.referral;
  let referral: ReferralRequest | null = null;
  if (step !== undefined && identified) {
    if (!input) throw new DomainError('REFERRAL_DETAILS_REQUIRED', 'An outcome that means a referral names the receiving organisation and urgency');
    if (!includes(REFERRAL_URGENCIES, input.urgency)) throw new DomainError('INVALID_URGENCY', 'Unknown referral urgency');
    referral = needsReferralIntake(command.outcome)
      ? referralWithIntake(input, step, command.at)
      : { referralRequestId: input.referralRequestId, receivingOrganisationId: input.receivingOrganisationId, targetStep: step, urgency: input.urgency };
  } else if (input) {
    throw new DomainError('REFERRAL_NOT_EXPECTED', identified ? 'This outcome does not mean a referral' : 'An anonymous case cannot be referred: the requester refers the person');
  }
  if (command.specialism != null && !includes(SPECIALISMS, command.specialism)) throw new DomainError('INVALID_SPECIALISM', 'Unknown specialism');
  // Issue 16 item 1: a service answers with the specialists it publishes (metrics by specialism count only those).
  if (command.specialism != null && command.specialistPool != null && !command.specialistPool.includes(command.specialism)) {
    throw new DomainError('SPECIALISM_NOT_IN_POOL', `specialism ${command.specialism} is not in the consultation service's published specialist pool`, { field: 'specialism' });
  }
  const stepChange = command.outcome === 'step-change' ? command.stepChange : null;
  if (command.outcome === 'step-change') {
    if (!identified) throw new DomainError('STEP_CHANGE_NEEDS_PATIENT', 'A step change needs an identified patient’s episode');
    if (!stepChange) throw new DomainError('STEP_CHANGE_DETAILS_REQUIRED', 'A step change names the episode, its providing organisation and the step');
    if (!includes(CARE_STEPS, stepChange.proposedStep)) throw new DomainError('INVALID_STEP', 'Unknown care step');
  } else if (command.stepChange) {
    throw new DomainError('STEP_CHANGE_NOT_EXPECTED', 'Only the step-change outcome proposes a step change');
  }
  return [
    {
      type: 'ConsultationAnswered',
      data: {
        consultationId: state.request.consultationId,
        by: command.by,
        at: command.at,
        requestingOrganisationId: state.request.requestingOrganisationId,
        consultationServiceId: state.request.consultationServiceId,
        formulation: command.formulation,
        advice: command.advice,
        outcome: command.outcome,
        referral,
        stepChange,
        ...(command.specialism ? { specialism: command.specialism } : {}),
      },
    },
  ];
}

function decide(command: ConsultationCommand, state: ConsultationState): ConsultationEvent[] {
  if (command.type === 'RequestConsultation') return decideRequest(command, state);
  if (state.status === 'None') throw new DomainError('CONSULTATION_NOT_FOUND', 'No such consultation');
  const base = { consultationId: state.request.consultationId, by: command.by, at: command.at };
  switch (command.type) {
    case 'AcceptConsultation':
      asService(state, command.by);
      if (state.status === 'accepted' && state.assignedTo === command.assignTo) return [];
      requireStatus(state, ['requested'], 'accept');
      return [{ type: 'ConsultationAccepted', data: { ...base, assignedTo: command.assignTo, reason: command.reason } }];
    case 'AssignConsultation':
      asService(state, command.by);
      requireStatus(state, ['accepted', 'information-requested'], 'assign');
      if (state.assignedTo === command.assignTo) return [];
      return [{ type: 'ConsultationAssigned', data: { ...base, assignedTo: command.assignTo, previouslyAssignedTo: state.assignedTo, reason: command.reason } }];
    case 'RequestInformation':
      asService(state, command.by);
      if (state.thread.some((e) => e.id === command.entryId)) return [];
      requireStatus(state, ['accepted'], 'ask for information on');
      text(command.question, 'question');
      return [{ type: 'ConsultationInformationRequested', data: { ...base, entryId: command.entryId, question: command.question } }];
    case 'ProvideInformation':
      asRequester(state, command.by);
      if (state.thread.some((e) => e.id === command.entryId)) return [];
      requireStatus(state, ['information-requested'], 'provide information for');
      text(command.text, 'text');
      return [{ type: 'ConsultationInformationProvided', data: { ...base, entryId: command.entryId, text: command.text } }];
    case 'AnswerConsultation':
      return decideAnswer(command, state);
    case 'CloseConsultation':
      if (state.status === 'closed') return [];
      if (command.by.organisationId !== state.request.requestingOrganisationId) asService(state, command.by);
      requireStatus(state, ['answered'], 'close');
      return [{ type: 'ConsultationClosed', data: { ...base, reason: command.reason } }];
    case 'RedirectConsultation':
      asService(state, command.by);
      if (state.status === 'redirected' && state.redirectedTo === command.toServiceId) return [];
      requireStatus(state, AWAITING_ANSWER, 'redirect');
      if (command.toServiceId === state.request.consultationServiceId || command.toServiceId === state.request.requestingOrganisationId) {
        throw new DomainError('INVALID_REDIRECT', 'Redirect to another consultation service');
      }
      text(command.reason, 'reason', 2000);
      return [{ type: 'ConsultationRedirected', data: { ...base, toServiceId: command.toServiceId, reason: command.reason } }];
    case 'DeclineConsultation':
      asService(state, command.by);
      if (state.status === 'declined') return [];
      requireStatus(state, AWAITING_ANSWER, 'decline');
      text(command.reason, 'reason', 2000);
      return [{ type: 'ConsultationDeclined', data: { ...base, reason: command.reason } }];
    case 'PostMessage':
      if (command.by.organisationId !== state.request.requestingOrganisationId) asService(state, command.by);
      if (state.thread.some((e) => e.id === command.entryId)) return [];
      if (FINISHED.includes(state.status)) illegal(state, 'post a message on');
      text(command.text, 'text');
      return [{ type: 'ConsultationMessagePosted', data: { ...base, entryId: command.entryId, text: command.text } }];
    case 'RateAdvice':
      asRequester(state, command.by);
      requireStatus(state, ['answered', 'closed'], 'rate the advice of');
      if (!Number.isInteger(command.usefulness) || command.usefulness < 1 || command.usefulness > 5) {
        throw new DomainError('INVALID_RATING', 'Usefulness is a whole number from 1 to 5');
      }
      if (state.rating) {
        if (state.rating.usefulness === command.usefulness && state.rating.comment === command.comment) return [];
        throw new DomainError('ALREADY_RATED', 'The advice was already rated');
      }
      return [{ type: 'ConsultationAdviceRated', data: { ...base, usefulness: command.usefulness, comment: command.comment } }];
    case 'BookCall': {
      if (command.by.organisationId !== state.request.requestingOrganisationId) asService(state, command.by);
      const { type: _type, by: _by, at: _at, ...call } = command;
      const earlier = state.calls.find((c) => c.id === call.id);
      if (earlier) {
        const { bookedBy: _bookedBy, ...same } = earlier;
        if (sameFacts(same, call)) return [];
        throw new DomainError('CALL_ID_CONFLICT', 'A different call has this id');
      }
      if (FINISHED.includes(state.status)) illegal(state, 'book a call on');
      if (!includes(CALL_MODES, call.mode)) throw new DomainError('INVALID_MODES', 'A call is by telephone, video or a joint appointment');
      if (call.attendees.length === 0 || !call.attendees.every((a) => includes(ATTENDEE_ROLES, a.role))) {
        throw new DomainError('INVALID_ATTENDEES', 'At least one attendee, each with a known role');
      }
      if (!(Date.parse(call.startsAt) > Date.parse(command.at))) throw new DomainError('CALL_IN_THE_PAST', 'A call is booked for a time to come');
      return [{ type: 'ConsultationCallBooked', data: { ...base, ...call } }];
    }
    case 'RecordResponseBreach':
      // Once per consultation, only while an answer is awaited and only once the due time has passed.
      if (state.breached || !AWAITING_ANSWER.includes(state.status)) return [];
      if (Date.parse(command.at) <= Date.parse(state.request.dueAt)) throw new DomainError('NOT_BREACHED', 'The due time has not passed');
      return [{ type: 'ConsultationResponseBreached', data: { ...base, dueAt: state.request.dueAt, consultationServiceId: state.request.consultationServiceId } }];
    default:
      return assertNever(command, 'consultation command');
  }
}

function evolve(state: ConsultationState, event: ConsultationEvent): ConsultationState {
  if (event.type === 'ConsultationRequested') {
    return { status: 'requested', request: event.data, assignedTo: null, answer: null, rating: null, breached: false, redirectedTo: null, endReason: null, thread: [], calls: [] };
  }
  if (state.status === 'None') return state;
  const d = event.data;
  switch (event.type) {
    case 'ConsultationAccepted':
      return { ...state, status: 'accepted', assignedTo: event.data.assignedTo };
    case 'ConsultationAssigned':
      return { ...state, assignedTo: event.data.assignedTo };
    case 'ConsultationInformationRequested':
      return { ...state, status: 'information-requested', thread: [...state.thread, { kind: 'information-requested', id: event.data.entryId, by: d.by, at: d.at, text: event.data.question }] };
    case 'ConsultationInformationProvided':
      return { ...state, status: 'accepted', thread: [...state.thread, { kind: 'information-provided', id: event.data.entryId, by: d.by, at: d.at, text: event.data.text }] };
    case 'ConsultationAnswered': {
      const { formulation, advice, outcome, referral, stepChange, specialism } = event.data;
      return { ...state, status: 'answered', answer: { formulation, advice, outcome, referral, stepChange, ...(specialism ? { specialism } : {}), answeredBy: d.by.userId, answeredAt: d.at } };
    }
    case 'ConsultationClosed':
      return { ...state, status: 'closed', endReason: event.data.reason };
    case 'ConsultationRedirected':
      return { ...state, status: 'redirected', redirectedTo: event.data.toServiceId, endReason: event.data.reason };
    case 'ConsultationDeclined':
      return { ...state, status: 'declined', endReason: event.data.reason };
    case 'ConsultationMessagePosted':
      return { ...state, thread: [...state.thread, { kind: 'message', id: event.data.entryId, by: d.by, at: d.at, text: event.data.text }] };
    case 'ConsultationAdviceRated':
      return { ...state, rating: { usefulness: event.data.usefulness, comment: event.data.comment } };
    case 'ConsultationCallBooked': {
      const { consultationId: _id, by, at: _at, ...call } = event.data;
      return { ...state, calls: [...state.calls, { ...call, bookedBy: by }] };
    }
    case 'ConsultationResponseBreached':
      return { ...state, breached: true };
    default:
      return assertNever(event, 'consultation event');
  }
}

/**
 * One consultation (one stream): request → accepted (assigned) → (information requested ↔ provided) → answered →
 * closed; or redirected / declined while an answer is awaited. Each side acts only on its own steps
 * (NOT_CONSULTATION_SERVICE, NOT_REQUESTER); a step already taken returns no events.
 */
export const consultationDecider: Decider<ConsultationCommand, ConsultationEvent, ConsultationState> = {
  initialState: { status: 'None' },
  decide,
  evolve,
};
