import type { ErrorMapping } from '@stepwell/http';

/** The outcomes domain's error codes, added to the shared table. */
/**
 * Every error code the outcomes service answers with beyond the shared table: a code thrown (e.g. through
 * `NotFoundError<OutcomesErrorCode>`) must be in this union, and the union must be mapped below, or the build fails.
 */
export type OutcomesErrorCode =
  | 'INVALID_RESPONSE'
  | 'UNKNOWN_QUESTIONNAIRE'
  | 'QUESTIONNAIRE_NOT_SUPPORTED'
  | 'QUESTIONNAIRE_NOT_FOUND'
  | 'UNKNOWN_RULE_SET'
  | 'NO_RULE_SET_IN_FORCE'
  | 'EPISODE_DISCHARGED'
  | 'EPISODE_NOT_FOUND'
  | 'RESPONSE_NOT_FOUND'
  | 'NOT_EPISODE_PROVIDER'
  | 'RESPONSE_ALREADY_RECORDED'
  | 'INVITATION_NOT_FOUND'
  | 'INVITATION_USED'
  | 'INVITATION_EXPIRED'
  | 'RISK_ALERT_NOT_FOUND'
  | 'RISK_ALERT_NOT_ADDRESSED_TO_CALLER'
  | 'PATIENT_NOT_FOUND';

export const OUTCOMES_ERROR_MAPPINGS = {
  INVALID_RESPONSE: { status: 400, slug: 'invalid-response', title: 'The answers do not fit the questionnaire' },
  UNKNOWN_QUESTIONNAIRE: { status: 400, slug: 'unknown-questionnaire', title: 'No such questionnaire or version' },
  QUESTIONNAIRE_NOT_SUPPORTED: {
    status: 400,
    slug: 'questionnaire-not-supported',
    title: 'This measure is not supported yet (no authoritative cut-offs)',
  },
  QUESTIONNAIRE_NOT_FOUND: { status: 404, slug: 'questionnaire-not-found', title: 'No such questionnaire' },
  UNKNOWN_RULE_SET: { status: 404, slug: 'unknown-rule-set', title: 'No such outcome rule set' },
  NO_RULE_SET_IN_FORCE: { status: 422, slug: 'no-rule-set-in-force', title: 'No outcome rule set is in force for that date' },
  EPISODE_DISCHARGED: { status: 409, slug: 'episode-discharged', title: 'The episode has been discharged' },
  EPISODE_NOT_FOUND: { status: 404, slug: 'episode-not-found', title: 'No such episode' },
  PATIENT_NOT_FOUND: { status: 404, slug: 'patient-not-found', title: 'No such patient' },
  RESPONSE_NOT_FOUND: { status: 404, slug: 'response-not-found', title: 'No such response for this patient' },
  NOT_EPISODE_PROVIDER: { status: 403, slug: 'not-episode-provider', title: 'Another organisation provides this episode' },
  RESPONSE_ALREADY_RECORDED: { status: 409, slug: 'response-already-recorded', title: 'This response is already recorded' },
  // The questionnaire link: unknown is 404; used or expired is gone for good (410).
  INVITATION_NOT_FOUND: { status: 404, slug: 'invitation-not-found', title: 'This link is not known' },
  INVITATION_USED: { status: 410, slug: 'invitation-used', title: 'This link has already been used' },
  INVITATION_EXPIRED: { status: 410, slug: 'invitation-expired', title: 'This link has expired' },
  RISK_ALERT_NOT_FOUND: { status: 404, slug: 'risk-alert-not-found', title: 'No such risk alert' },
  // Only the organisation an alert is addressed to may acknowledge (close) it: anyone else, 403, nothing written.
  RISK_ALERT_NOT_ADDRESSED_TO_CALLER: {
    status: 403,
    slug: 'risk-alert-not-addressed-to-caller',
    title: 'This risk alert is addressed to another organisation: only that organisation may acknowledge it',
  },
} as const satisfies Record<OutcomesErrorCode, ErrorMapping>;
