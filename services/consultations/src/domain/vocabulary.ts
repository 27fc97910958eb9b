import { CONSULTATION_MODES, CONSULTATION_OUTCOMES, CONSULTATION_URGENCIES, SPECIALISMS, type CareStep, type ConsultationOutcome } from '@stepwell/contracts';

export { CONSULTATION_MODES, CONSULTATION_OUTCOMES, CONSULTATION_URGENCIES, SPECIALISMS };
export type { ConsultationMode, ConsultationOutcome, ConsultationUrgency, Specialism } from '@stepwell/contracts';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Why the patient's consent (to ask a specialist, or to an MDT's referral) was not needed: the contracts' codes
 * (`CONSENT_NOT_NEEDED_REASONS`, the common law duty of confidentiality's recognised exceptions).
 */
export { CONSENT_NOT_NEEDED_REASONS, type ConsentNotNeededReason } from '@stepwell/contracts';

/**
 * Where a consultation is (glossary): `requested` — waiting for the service to take it; `accepted` — the service took
 * it (optionally assigned to a specialist); `information-requested` — the specialist asked the requester something
 * and waits; `answered` — formulation, advice and coded outcome given; `closed` — nothing more to do; `redirected` —
 * passed to another consultation service; `declined` — the service will not take it, with a reason.
 */
export const CONSULTATION_STATUSES = ['requested', 'accepted', 'information-requested', 'answered', 'closed', 'redirected', 'declined'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];
/** Statuses in which the response target still runs (a breach can happen). */
export const AWAITING_ANSWER: readonly ConsultationStatus[] = ['requested', 'accepted', 'information-requested'];
export const FINISHED: readonly ConsultationStatus[] = ['closed', 'redirected', 'declined'];

/**
 * The outcomes that mean a referral, and the step the referrals service is asked for. `direct-psychological-therapy`
 * is therapy by the consultation service itself for complex needs; `social-prescription` goes to the directory,
 * `step-change` to the episode's provider; the rest need no referral.
 */
export const REFERRAL_OUTCOME_STEPS: Readonly<Partial<Record<ConsultationOutcome, CareStep>>> = {
  'refer-to-talking-therapies-step-2': 'step-2',
  'refer-to-talking-therapies-step-3': 'step-3',
  'direct-psychological-therapy': 'complex-needs',
  'refer-to-secondary-care': 'secondary-care',
  'crisis-pathway': 'crisis',
};

/** Default response target in working days (issue 16 item 1: "a response-time target in working days (default 2)"). */
export const DEFAULT_RESPONSE_TARGET_WORKING_DAYS = 2;
/** An urgent request is due by the end of the next working day (contracts' CONSULTATION_URGENCIES). */
export const URGENT_RESPONSE_WORKING_DAYS = 1;

export const includes = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

/** Modes in which a call is booked (issue 16 item 3: a booked call or joint appointment). */
export const CALL_MODES = ['telephone', 'video', 'joint-appointment'] as const;
export type CallMode = (typeof CALL_MODES)[number];

/** Who attends a call, by role (no names: staff are user ids, the person and carers are roles only). */
export const ATTENDEE_ROLES = ['gp', 'practice-nurse', 'pwp', 'other-primary-care-clinician', 'specialist', 'patient', 'carer'] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];
