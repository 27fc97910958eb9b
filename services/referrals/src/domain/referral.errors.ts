import { DomainError } from '@stepwell/decider';

/** A command names a referral that was never received. */
export class ReferralNotFoundError extends DomainError {
  constructor(referralId: string) {
    super('REFERRAL_NOT_FOUND', `No referral ${referralId} has been received`, { referralId });
    this.name = 'ReferralNotFoundError';
  }
}

/** The referral id is taken by a referral with other details: a caller reused an id, never a silent overwrite. */
export class ReferralAlreadyExistsError extends DomainError {
  constructor(referralId: string) {
    super('REFERRAL_ALREADY_EXISTS', `Referral ${referralId} was already received with other details`, { referralId });
    this.name = 'ReferralAlreadyExistsError';
  }
}

/** The command is not allowed in the referral's current status. */
export class IllegalTransitionError extends DomainError {
  constructor(command: string, status: string) {
    super('ILLEGAL_TRANSITION', `${command} is not allowed for a referral that is ${status}`, { command, status });
    this.name = 'IllegalTransitionError';
  }
}
