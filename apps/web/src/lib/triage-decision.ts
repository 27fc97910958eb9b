import type { FieldError } from './problems';

/**
 * The triage form's state turned into the body of `POST /referrals/{id}/triage` (services/referrals README), or the
 * field errors the form shows before anything is sent. Only the fields of the chosen outcome travel, so a value left
 * in a hidden field (a step typed before switching to "decline") never reaches the service.
 */
export const TRIAGE_OUTCOME_CHOICES = ['accept', 'merge', 'signpost', 'return-with-advice', 'refer-on', 'decline'] as const;
export type TriageOutcomeChoice = (typeof TRIAGE_OUTCOME_CHOICES)[number];

export const TRIAGE_FORM_FIELDS = ['outcome', 'step', 'mergedIntoReferralId', 'directoryServiceId', 'advice', 'destination', 'reason', 'text', 'note'] as const;

export interface TriageFormState {
  outcome: TriageOutcomeChoice | null;
  step: string;
  mergedIntoReferralId: string;
  /** signpost: the directory service chosen from a search (id and name), never typed. */
  directoryService: { id: string; name: string } | null;
  advice: string;
  destination: string;
  reason: string;
  text: string;
  note: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TriageRequest = { body: Record<string, string> } | { errors: FieldError[] };

export function triageRequestOf(state: TriageFormState, ownOrganisation: string): TriageRequest {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, messages: [message] });
  const note = state.note.trim();
  const withNote = (body: Record<string, string>) => (note ? { ...body, note } : body);
  let body: Record<string, string> = {};
  switch (state.outcome) {
    case null:
      fail('outcome', 'Choose a decision');
      break;
    case 'accept':
      body = withNote({ outcome: 'accept', step: state.step, providingOrganisation: ownOrganisation });
      break;
    case 'merge': {
      const target = state.mergedIntoReferralId.trim();
      if (!target) fail('mergedIntoReferralId', 'Enter the reference of the referral to merge this one into');
      else if (!UUID.test(target)) fail('mergedIntoReferralId', 'Enter the referral reference as it is shown on that referral (36 characters)');
      body = withNote({ outcome: 'merge', mergedIntoReferralId: target });
      break;
    }
    case 'signpost':
      if (!state.directoryService) fail('directoryServiceId', 'Search the directory and choose the service to signpost to');
      else body = withNote({ outcome: 'signpost', service: state.directoryService.name.slice(0, 200), directoryServiceId: state.directoryService.id });
      break;
    case 'return-with-advice':
      if (!state.advice.trim()) fail('advice', 'Enter the advice for the referrer');
      else if (state.advice.trim().length > 2000) fail('advice', 'Advice must be 2000 characters or fewer');
      body = { outcome: 'return-with-advice', advice: state.advice.trim() };
      break;
    case 'refer-on':
      if (!state.destination) fail('destination', 'Choose where to refer on to');
      body = withNote({ outcome: 'refer-on', destination: state.destination });
      break;
    case 'decline':
      if (state.reason === 'other' && !state.text.trim()) fail('text', 'Explain the decision to the referrer when the reason is "Other"');
      body = { outcome: 'decline', reason: state.reason, text: state.text.trim() };
      break;
  }
  return errors.length > 0 ? { errors } : { body };
}

/** What the page says once the decision is saved. */
export function decidedMessage(body: Record<string, string>, words: (code: string) => string): string {
  switch (body['outcome']) {
    case 'accept':
      return `Accepted to ${words(body['step'] ?? '')}.`;
    case 'merge':
      return 'Merged into the other referral.';
    case 'signpost':
      return `Signposted to ${body['service']}.`;
    case 'return-with-advice':
      return 'Returned to the referrer with advice.';
    case 'refer-on':
      return `Referred on to ${words(body['destination'] ?? '')}.`;
    default:
      return `Declined: ${words(body['reason'] ?? '')}.`;
  }
}
