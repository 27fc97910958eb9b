import { DomainError, NotFoundError } from '@stepwell/decider';

/** A command names a referral that was never received: the one NotFoundError, with its code and message fixed. */
export class ReferralNotFoundError extends NotFoundError<'REFERRAL_NOT_FOUND'> {
  constructor(referralId: string) {
    super('REFERRAL_NOT_FOUND', `No referral ${referralId} has been received`, { referralId });
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

/** Triage already decided this referral differently: one referral, one triage decision. */
export class ReferralAlreadyTriagedError extends DomainError {
  constructor(referralId: string, outcome: string) {
    super('REFERRAL_ALREADY_TRIAGED', `Referral ${referralId} was already triaged (${outcome})`, { referralId, outcome });
    this.name = 'ReferralAlreadyTriagedError';
  }
}

/** A triage decision that contradicts itself (merging a referral into itself, declining for "other" without text). */
export class InvalidTriageDecisionError extends DomainError {
  constructor(field: string, why: string) {
    super('INVALID_TRIAGE_DECISION', `${field}: ${why}`, { field });
    this.name = 'InvalidTriageDecisionError';
  }
}

/** A referral without the person's consent to share it cannot be received. */
export class ConsentRequiredError extends DomainError {
  constructor() {
    super('CONSENT_REQUIRED', 'consentToShare: a referral needs the person’s consent to share it', { field: 'consentToShare' });
    this.name = 'ConsentRequiredError';
  }
}

/** A merge whose target is not an open referral of the same person visible to the caller (issue 12 item 17). */
export class InvalidMergeTargetError extends DomainError {
  constructor(why: string) {
    super('INVALID_MERGE_TARGET', `mergedIntoReferralId: ${why}`, { field: 'mergedIntoReferralId' });
    this.name = 'InvalidMergeTargetError';
  }
}

/** The referral still lacks required answers (listed in `errors`, RFC 9457 style): 400, nothing written. */
export class ReferralStillIncompleteError extends DomainError {
  constructor(readonly missingFields: readonly string[]) {
    super('REFERRAL_INCOMPLETE', `The referral lacks ${missingFields.length} required answer${missingFields.length === 1 ? '' : 's'}: ${missingFields.join(', ')}`, {
      missingFields: [...missingFields],
    });
    this.name = 'ReferralStillIncompleteError';
  }
}

/** A decision that needs the whole referral (accepting it into an episode) while answers are missing: 409. */
export class ReferralIncompleteError extends DomainError {
  constructor(referralId: string, missingFields: readonly string[]) {
    super('REFERRAL_NOT_COMPLETE', `Referral ${referralId} is incomplete (missing: ${missingFields.join(', ')}); complete it before accepting it`, {
      referralId,
      missingFields: [...missingFields],
    });
    this.name = 'ReferralIncompleteError';
  }
}

/** A completion that changes an answer already given, or names nothing to complete: 400, nothing written. */
export class InvalidCompletionError extends DomainError {
  constructor(field: string, why: string) {
    super('INVALID_COMPLETION', `${field}: ${why}`, { field });
    this.name = 'InvalidCompletionError';
  }
}

/** Only a self-referral names a person nobody vouched for: a referral from an organisation needs no identity verification. */
export class IdentityVerificationNotNeededError extends DomainError {
  constructor() {
    super('IDENTITY_VERIFICATION_NOT_NEEDED', 'Only a self-referral’s identity is verified: this referral came from an organisation', {});
  }
}

/** A signpost names a directory service id the directory never listed (as far as referrals has heard): 422, nothing written. */
export class UnknownDirectoryServiceError extends DomainError {
  constructor(directoryServiceId: string) {
    super('UNKNOWN_DIRECTORY_SERVICE', `directoryServiceId: no service ${directoryServiceId} is listed in the directory`, { field: 'directoryServiceId' });
    this.name = 'UnknownDirectoryServiceError';
  }
}

/** A signpost names a listed directory service that is not `active` (ORUK status): 422, nothing written. */
export class DirectoryServiceNotActiveError extends DomainError {
  constructor(directoryServiceId: string, status: string) {
    super('DIRECTORY_SERVICE_NOT_ACTIVE', `directoryServiceId: service ${directoryServiceId} is ${status} in the directory, not active`, { field: 'directoryServiceId', status });
    this.name = 'DirectoryServiceNotActiveError';
  }
}
