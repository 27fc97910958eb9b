import type { ErrorMapping } from '@stepwell/http';

/**
 * Every error code the consultations service answers with beyond the shared table (ILLEGAL_TRANSITION, STALE_REVISION,
 * VALIDATION_FAILED …): a code thrown must be in this union, and the union mapped below, or the build fails.
 */
export type ConsultationsErrorCode =
  | 'CONSULTATION_NOT_FOUND'
  | 'OFFERING_NOT_FOUND'
  | 'NO_SUCH_OFFERING'
  | 'OTHER_ORGANISATION'
  | 'ORGANISATION_TYPE_CANNOT_CONSULT'
  | 'NOT_CONSULTATION_SERVICE'
  | 'NOT_REQUESTER'
  | 'CONSULTATION_ID_CONFLICT'
  | 'SELF_CONSULTATION'
  | 'INVALID_URGENCY'
  | 'INVALID_MODES'
  | 'MODE_NOT_OFFERED'
  | 'CONSENT_REQUIRED'
  | 'INVALID_TEXT'
  | 'INVALID_DUE_TIME'
  | 'INVALID_OUTCOME'
  | 'REFERRAL_DETAILS_REQUIRED'
  | 'REFERRAL_NOT_EXPECTED'
  | 'REFERRAL_INTAKE_REQUIRED'
  | 'INVALID_PRESENTING_PROBLEM'
  | 'INVALID_SPECIALISM'
  | 'SPECIALISM_NOT_IN_POOL'
  | 'INVALID_REFERRAL_CONSENT'
  | 'STEP_CHANGE_NEEDS_PATIENT'
  | 'STEP_CHANGE_DETAILS_REQUIRED'
  | 'STEP_CHANGE_NOT_EXPECTED'
  | 'INVALID_STEP'
  | 'INVALID_REDIRECT'
  | 'INVALID_RATING'
  | 'ALREADY_RATED'
  | 'NOT_BREACHED'
  | 'INVALID_SPECIALIST_POOL'
  | 'INVALID_RESPONSE_TARGET'
  | 'INVALID_OPENING_HOURS'
  | 'INVALID_LOCAL_DATE'
  | 'CALENDAR_NOT_COVERED'
  | 'CALL_ID_CONFLICT'
  | 'INVALID_ATTENDEES'
  | 'CALL_IN_THE_PAST'
  | 'OFFER_NOT_FOUND'
  | 'OFFER_ID_CONFLICT'
  | 'PATIENT_NOT_FOUND'
  | 'MDT_MEETING_NOT_FOUND'
  | 'MEETING_ID_CONFLICT'
  | 'NOT_MEETING_ORGANISATION'
  | 'MDT_CASE_NOT_FOUND'
  | 'MDT_CASE_ID_CONFLICT'
  | 'MDT_ACTION_NOT_FOUND'
  | 'MDT_ACTION_ID_CONFLICT'
  | 'OWNER_NOT_IN_MEETING';

export const CONSULTATIONS_ERROR_MAPPINGS = {
  CONSULTATION_NOT_FOUND: { status: 404, slug: 'consultation-not-found', title: 'Consultation not found' },
  OFFERING_NOT_FOUND: { status: 404, slug: 'offering-not-found', title: 'The organisation publishes no consultation offering' },
  NO_SUCH_OFFERING: { status: 422, slug: 'no-such-offering', title: 'The consultation service named publishes no offering' },
  OTHER_ORGANISATION: { status: 403, slug: 'other-organisation', title: 'This belongs to another organisation' },
  ORGANISATION_TYPE_CANNOT_CONSULT: {
    status: 403,
    slug: 'organisation-type-cannot-consult',
    title: 'Only a psychotherapy consultation service, Talking Therapies or secondary care team offers consultations',
  },
  NOT_CONSULTATION_SERVICE: { status: 403, slug: 'not-consultation-service', title: 'Only the consultation service asked can do this' },
  NOT_REQUESTER: { status: 403, slug: 'not-requester', title: 'Only the organisation that asked can do this' },
  CONSULTATION_ID_CONFLICT: { status: 409, slug: 'consultation-id-conflict', title: 'A different consultation has this id' },
  SELF_CONSULTATION: { status: 422, slug: 'self-consultation', title: 'An organisation does not consult itself' },
  INVALID_URGENCY: { status: 400, slug: 'invalid-urgency', title: 'Unknown urgency' },
  INVALID_MODES: { status: 400, slug: 'invalid-modes', title: 'Unknown consultation mode' },
  MODE_NOT_OFFERED: { status: 422, slug: 'mode-not-offered', title: 'The consultation service does not offer that mode' },
  CONSENT_REQUIRED: { status: 400, slug: 'consent-required', title: 'Record the patient’s consent, or why it was not needed' },
  INVALID_TEXT: { status: 400, slug: 'invalid-text', title: 'A required text is empty or too long' },
  INVALID_DUE_TIME: { status: 422, slug: 'invalid-due-time', title: 'The due time must follow the request' },
  INVALID_OUTCOME: { status: 400, slug: 'invalid-outcome', title: 'Unknown consultation outcome' },
  REFERRAL_DETAILS_REQUIRED: { status: 422, slug: 'referral-details-required', title: 'An outcome that means a referral names where to and how urgently' },
  REFERRAL_INTAKE_REQUIRED: {
    status: 422,
    slug: 'referral-intake-required',
    title: 'A referral needs the risk answers, presenting problems and the person’s consent confirmed by the specialist',
  },
  INVALID_SPECIALISM: { status: 400, slug: 'invalid-specialism', title: 'Unknown specialism' },
  SPECIALISM_NOT_IN_POOL: { status: 422, slug: 'specialism-not-in-pool', title: 'The specialism is not in the consultation service’s published specialist pool' },
  INVALID_PRESENTING_PROBLEM: { status: 422, slug: 'invalid-presenting-problem', title: 'Presenting problems are codes, never free text' },
  INVALID_REFERRAL_CONSENT: { status: 422, slug: 'invalid-referral-consent', title: 'The consent must be obtained before the answer, by a known party' },
  REFERRAL_NOT_EXPECTED: { status: 422, slug: 'referral-not-expected', title: 'This outcome or case takes no referral' },
  STEP_CHANGE_NEEDS_PATIENT: { status: 422, slug: 'step-change-needs-patient', title: 'A step change needs an identified patient' },
  STEP_CHANGE_DETAILS_REQUIRED: { status: 422, slug: 'step-change-details-required', title: 'A step change names the episode, its provider and the step' },
  STEP_CHANGE_NOT_EXPECTED: { status: 422, slug: 'step-change-not-expected', title: 'Only the step-change outcome proposes a step change' },
  INVALID_STEP: { status: 400, slug: 'invalid-step', title: 'Unknown care step' },
  INVALID_REDIRECT: { status: 422, slug: 'invalid-redirect', title: 'Redirect to another consultation service' },
  INVALID_RATING: { status: 400, slug: 'invalid-rating', title: 'Usefulness is a whole number from 1 to 5' },
  ALREADY_RATED: { status: 409, slug: 'already-rated', title: 'The advice was already rated' },
  NOT_BREACHED: { status: 409, slug: 'not-breached', title: 'The due time has not passed' },
  INVALID_SPECIALIST_POOL: { status: 400, slug: 'invalid-specialist-pool', title: 'Invalid specialist pool' },
  INVALID_RESPONSE_TARGET: { status: 400, slug: 'invalid-response-target', title: 'The response target is 1 to 20 working days' },
  INVALID_OPENING_HOURS: { status: 400, slug: 'invalid-opening-hours', title: 'Invalid opening hours' },
  INVALID_LOCAL_DATE: { status: 400, slug: 'invalid-local-date', title: 'Not a valid date' },
  // Our data, not the caller's mistake: the bank holiday list must be extended (see the service README).
  CALENDAR_NOT_COVERED: { status: 503, slug: 'calendar-not-covered', title: 'The bank holiday calendar does not cover the due date' },
  CALL_ID_CONFLICT: { status: 409, slug: 'call-id-conflict', title: 'A different call has this id' },
  INVALID_ATTENDEES: { status: 400, slug: 'invalid-attendees', title: 'At least one attendee, each with a known role' },
  CALL_IN_THE_PAST: { status: 422, slug: 'call-in-the-past', title: 'A call is booked for a time to come' },
  OFFER_NOT_FOUND: { status: 404, slug: 'offer-not-found', title: 'Consultation offer not found' },
  OFFER_ID_CONFLICT: { status: 409, slug: 'offer-id-conflict', title: 'A different offer has this id' },
  PATIENT_NOT_FOUND: { status: 404, slug: 'patient-not-found', title: 'No patient in this organisation’s care has that subject id' },
  MDT_MEETING_NOT_FOUND: { status: 404, slug: 'mdt-meeting-not-found', title: 'MDT meeting not found' },
  MEETING_ID_CONFLICT: { status: 409, slug: 'meeting-id-conflict', title: 'A different meeting has this id' },
  NOT_MEETING_ORGANISATION: { status: 403, slug: 'not-meeting-organisation', title: 'Only an organisation of the meeting can do this' },
  MDT_CASE_NOT_FOUND: { status: 404, slug: 'mdt-case-not-found', title: 'No such case on the meeting’s agenda' },
  MDT_CASE_ID_CONFLICT: { status: 409, slug: 'mdt-case-id-conflict', title: 'A different case has this id' },
  MDT_ACTION_NOT_FOUND: { status: 404, slug: 'mdt-action-not-found', title: 'No such MDT action' },
  MDT_ACTION_ID_CONFLICT: { status: 409, slug: 'mdt-action-id-conflict', title: 'A different action has this id' },
  OWNER_NOT_IN_MEETING: { status: 422, slug: 'owner-not-in-meeting', title: 'An action’s owner belongs to an organisation of the meeting' },
} as const satisfies Record<ConsultationsErrorCode, ErrorMapping>;
