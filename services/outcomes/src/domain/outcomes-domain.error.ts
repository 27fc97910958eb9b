import { DomainError } from '@stepwell/decider';

/**
 * Every refusal of the outcomes domain, one stable `code` each. The HTTP edge maps these codes to problem
 * documents once (400 for an invalid response, 404 for an unknown questionnaire or rule set, ...).
 */
export type OutcomesErrorCode =
  | 'INVALID_RESPONSE'
  | 'UNKNOWN_QUESTIONNAIRE'
  | 'QUESTIONNAIRE_NOT_SUPPORTED'
  | 'UNKNOWN_RULE_SET'
  | 'INVALID_RULE_SET'
  | 'NO_RULE_SET_IN_FORCE'
  | 'INVALID_EPISODE_FACTS'
  | 'MIXED_RULE_SETS'
  | 'RESPONSE_ALREADY_RECORDED'
  | 'RISK_ALERT_NOT_FOUND'
  | 'RISK_ALERT_NOT_ADDRESSED_TO_CALLER'
  | 'EPISODE_DISCHARGED'
  | 'INVITATION_NOT_FOUND'
  | 'INVITATION_USED'
  | 'INVITATION_EXPIRED';

export class OutcomesDomainError extends DomainError {
  constructor(
    override readonly code: OutcomesErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(code, message, details);
    this.name = 'OutcomesDomainError';
  }
}
