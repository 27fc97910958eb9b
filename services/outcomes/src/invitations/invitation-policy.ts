/** Nest token of the questionnaire-link policy. */
export const INVITATION_POLICY = 'OUTCOMES_INVITATION_POLICY';

export interface InvitationPolicy {
  validHours: number;
  /** Requests a minute one client address may make to the public /q routes. */
  requestsPerMinute: number;
}
