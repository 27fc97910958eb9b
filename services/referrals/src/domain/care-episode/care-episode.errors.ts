import { DomainError } from '@stepwell/decider';

/** Every way the care-episode decider refuses a command; the codes are stable (the HTTP edge maps them once). */
export const CARE_EPISODE_ERROR_CODES = [
  /** A command for an episode that has not been opened. */
  'EPISODE_NOT_OPEN',
  /** `OpenEpisode` again with different details. */
  'EPISODE_ALREADY_OPEN',
  /** Any change to a discharged episode (other than repeating the very discharge). */
  'ALREADY_DISCHARGED',
  /** The command does not apply in the episode's status (for example a waiting-time pause once in treatment). */
  'ILLEGAL_TRANSITION',
  /** A step change to the step and organisation the episode is already at. */
  'SAME_STEP',
  /** A step change with neither scores nor a consultation to rest on. */
  'EVIDENCE_REQUIRED',
  /** A score outside its measure's range, or an unknown measure, step or reason code. */
  'INVALID_VALUE',
  /** Ending a pause that is not the open one. */
  'PAUSE_NOT_OPEN',
  /** Starting a pause while another is open. */
  'PAUSE_ALREADY_OPEN',
  /** A date that is not an ISO instant with a zone, or that contradicts the episode's other dates. */
  'INVALID_DATE',
  /** A second, different opt-in. */
  'ALREADY_OPTED_IN',
  /** A second, different first treatment appointment. */
  'FIRST_APPOINTMENT_ALREADY_RECORDED',
  /** A discharge for disengagement without any recorded follow-up attempt. */
  'FOLLOW_UP_REQUIRED',
  /** Opening an episode at a step triage cannot accept to (step 1). */
  'STEP_NOT_ACCEPTABLE',
  /** A command id (step change, pause, review) already used for a different command. */
  'CONFLICTING_REPEAT',
] as const;
export type CareEpisodeErrorCode = (typeof CARE_EPISODE_ERROR_CODES)[number];

export class CareEpisodeError extends DomainError {
  declare readonly code: CareEpisodeErrorCode;

  constructor(code: CareEpisodeErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(code, message, details);
    this.name = 'CareEpisodeError';
  }
}
