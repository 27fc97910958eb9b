import { assertNever, type Decider, type PersonalFieldsOf } from '@stepwell/decider';
import {
  ConsentRequiredError,
  IdentityVerificationNotNeededError,
  IllegalTransitionError,
  InvalidCompletionError,
  InvalidTriageDecisionError,
  ReferralAlreadyExistsError,
  ReferralAlreadyTriagedError,
  ReferralIncompleteError,
  ReferralNotFoundError,
  ReferralStillIncompleteError,
} from './referral.errors';
import { missingReferralFields, riskAnswersGiven, type CompletableAnswers, type CompletableReferralField } from './referral-completeness';
import { sameContent } from './care-episode/same-content';
import { urgentTriageReasons, type RiskIndicators, type UrgentTriageReason } from './referral-risk';
import { sameDecision, type TriageDecision } from './referral-triage';
import type { IdentityVerificationMethod, ReferralRecordSource, ReferralUrgency, WithdrawalReason } from './referral.vocabulary';
import type { AcceptanceStep } from './stepped-care/step';
import type { DeclineReason, ReferOnDestination } from './stepped-care/referral-vocabulary';

/**
 * One referral, from its receipt through triage (or withdrawal). Pure: the caller supplies ids and the time in
 * each command. The patient is named by subject id only: demographics live in the patient's own stream.
 */

/** What the referrer tells us, as received. */
export interface ReferralDetails {
  source: ReferralRecordSource;
  /** ODS code of the organisation the referral is addressed to (e.g. a Talking Therapies service). */
  receivingOrganisation: string;
  urgency: ReferralUrgency;
  /** The referrer's reason for referral, in their words; clinical text, never logged, never published. */
  reason: string;
  /** The person referred (opaque subject id from the patient index). */
  patientSubjectId: string;
  /** ODS code of the referring organisation; null for a self-referral or when unknown. */
  referrerOrganisation: string | null;
  presentingProblems: string[];
  riskIndicators: RiskIndicators;
  /** The person agreed to their referral being shared with the services involved. Always true once received. */
  consentToShare: boolean;
  /**
   * The GP practice the person is registered with (ODS code), or `not-registered`; captured for every referral
   * (issue 12 item 18) so that letters reach the GP whoever referred. Null only on referrals received before it was
   * captured (and not sent by a GP).
   */
  registeredGpPractice: string | null;
  /**
   * The consultation whose answer made this referral (source `consultation`, hazard H-CB1): its evidence. Absent or
   * null for every other referral.
   */
  consultationId?: string | null;
  /**
   * The MDT case whose decision made this referral (source `consultation`, issue 16 item 6): its evidence. Absent or
   * null for every other referral.
   */
  mdtCaseId?: string | null;
}

/** Who a referral's acknowledgement goes to: the referring organisation (a letter), or the person (text or email). */
export type AcknowledgementRecipient = { kind: 'organisation'; organisationId: string } | { kind: 'patient' };

/**
 * Every referral is acknowledged (issue 12 item 18): to the referring organisation; a self-referral to the person;
 * one keyed in by the receiving service itself (no referrer) to the registered GP practice, else to the person.
 */
export function acknowledgementRecipientOf(details: Pick<ReferralDetails, 'source' | 'referrerOrganisation' | 'registeredGpPractice'>): AcknowledgementRecipient {
  if (details.source === 'self') return { kind: 'patient' };
  if (details.referrerOrganisation !== null) return { kind: 'organisation', organisationId: details.referrerOrganisation };
  if (details.registeredGpPractice !== null && details.registeredGpPractice !== NOT_REGISTERED) {
    return { kind: 'organisation', organisationId: details.registeredGpPractice };
  }
  return { kind: 'patient' };
}

/** `registeredGpPractice` of a person not registered with any GP practice. */
export const NOT_REGISTERED = 'not-registered';

/**
 * The patient index could not be sure the person is one record (issue 10 item 3): other records that may be the
 * same person, and why. Never merged silently: an admin of the receiving organisation merges or keeps them apart.
 */
export interface PossibleDuplicatePatient {
  reason: 'nhs-number-held-by-another-record' | 'demographics-match-several';
  /** Subject ids of the other records. */
  candidates: string[];
}

/**
 * What a referrer tells us when answers are missing (issue 12 item 9): the completable answers may be null. Only
 * ever received with a risk answer (`riskAnswersGiven`); completed later by `CompleteReferral`.
 */
export interface IncompleteReferralDetails extends Omit<ReferralDetails, keyof CompletableAnswers>, CompletableAnswers {}

/** The answers a completion supplies, whole once merged with those received: nothing may stay missing. */
export type CompletedAnswers = Pick<ReferralDetails, 'urgency' | 'reason' | 'presentingProblems' | 'consentToShare' | 'riskIndicators'> & {
  registeredGpPractice: string;
};

// ---- commands (imperative) ----
export type ReceiveReferral = {
  type: 'ReceiveReferral';
  /** `possibleDuplicateOf`: open referrals or episodes of the same patient at the same organisation. */
  data: ReferralDetails & {
    referralId: string;
    receivedAt: string;
    possibleDuplicateOf: string[];
    possibleDuplicatePatient?: PossibleDuplicatePatient | null;
  };
};
/** A referral that arrived with required answers missing but a risk answer given: received incomplete, never refused. */
export type ReceiveIncompleteReferral = {
  type: 'ReceiveIncompleteReferral';
  data: IncompleteReferralDetails & {
    referralId: string;
    receivedAt: string;
    possibleDuplicateOf: string[];
    possibleDuplicatePatient?: PossibleDuplicatePatient | null;
  };
};
/** The referrer (or the receiving service) supplies the missing answers; `answers` null where not supplied. */
export type CompleteReferral = {
  type: 'CompleteReferral';
  data: { referralId: string; answers: CompletableAnswers; completedAt: string };
};
export type WithdrawReferral = {
  type: 'WithdrawReferral';
  data: { referralId: string; reason: WithdrawalReason; withdrawnAt: string };
};
export type TriageReferral = {
  type: 'TriageReferral';
  /** `episodeId` is the episode an acceptance opens (chosen by the caller, stable across retries). */
  data: { referralId: string; decision: TriageDecision; episodeId: string; decidedAt: string };
};
/** The receiving organisation verified that a self-referral is about the person it names (hazard H-A1). */
export type VerifyPatientIdentity = {
  type: 'VerifyPatientIdentity';
  data: { referralId: string; method: IdentityVerificationMethod; verifiedByOrganisation: string; verifiedAt: string };
};
export type ReferralCommand =
  | ReceiveReferral
  | ReceiveIncompleteReferral
  | CompleteReferral
  | WithdrawReferral
  | TriageReferral
  | VerifyPatientIdentity;

// ---- events (facts, past tense, explicit string types) ----
export type ReferralReceived = {
  type: 'ReferralReceived';
  /** `possibleDuplicatePatient` is absent on referrals received before the patient-index marker existed. */
  data: ReferralDetails & {
    referralId: string;
    receivedAt: string;
    possibleDuplicateOf: string[];
    possibleDuplicatePatient?: PossibleDuplicatePatient | null;
  };
};
/**
 * Received with answers missing but a risk answer given (issue 12 item 9): in the receiving organisation's triage
 * queue at once, flagged incomplete and urgent by risk, with what is missing. Null answers are the missing ones.
 */
export type IncompleteReferralReceived = {
  type: 'IncompleteReferralReceived';
  data: IncompleteReferralDetails & {
    referralId: string;
    receivedAt: string;
    possibleDuplicateOf: string[];
    possibleDuplicatePatient?: PossibleDuplicatePatient | null;
    missingFields: CompletableReferralField[];
  };
};
/** The missing answers were supplied: from now on the referral is a complete one (received at its first receipt). */
export type ReferralCompleted = {
  type: 'ReferralCompleted';
  data: CompletedAnswers &
    Pick<ReferralDetails, 'source' | 'receivingOrganisation' | 'referrerOrganisation'> & {
      referralId: string;
      /** The first receipt: the waiting clock and every queue keep it. */
      receivedAt: string;
      completedAt: string;
      suppliedFields: CompletableReferralField[];
      /** The urgent-triage reasons raised so far (they stay raised). */
      urgentTriageReasons: UrgentTriageReason[];
    };
};
/** `urgency` is null only for an incomplete referral that arrived without one (raised again once it is known). */
export type UrgentTriageNeeded = {
  type: 'UrgentTriageNeeded';
  data: { referralId: string; receivingOrganisation: string; urgency: ReferralUrgency | null; reasons: UrgentTriageReason[]; raisedAt: string };
};
/** Before issue 12 item 18, only a self-referral was acknowledged (to the person). Kept for stored events. */
export type SelfReferralAcknowledgementRequested = {
  type: 'SelfReferralAcknowledgementRequested';
  data: { referralId: string; receivingOrganisation: string; requestedAt: string };
};
/** Every referral is acknowledged: a letter to the referrer, or a text/email to a person who referred themselves. */
export type ReferralAcknowledgementRequested = {
  type: 'ReferralAcknowledgementRequested';
  data: { referralId: string; receivingOrganisation: string; recipient: AcknowledgementRecipient; requestedAt: string };
};
export type ReferralWithdrawn = {
  type: 'ReferralWithdrawn';
  data: { referralId: string; reason: WithdrawalReason; withdrawnAt: string };
};
interface TriageFacts {
  referralId: string;
  decidedAt: string;
}
export type ReferralAccepted = {
  type: 'ReferralAccepted';
  data: TriageFacts & {
    episodeId: string;
    step: AcceptanceStep;
    providingOrganisationId: string;
    receivingOrganisation: string;
    urgency: ReferralUrgency;
    /** When the referral was received: the episode's waiting clock starts there. */
    referredAt: string;
    note: string | null;
  };
};
export type ReferralMerged = {
  type: 'ReferralMerged';
  data: TriageFacts & { mergedIntoReferralId: string; note: string | null };
};
export type ReferralSignposted = {
  type: 'ReferralSignposted';
  data: TriageFacts & { receivingOrganisation: string; service: string; directoryServiceId: string | null; note: string | null };
};
export type ReferralReturnedWithAdvice = {
  type: 'ReferralReturnedWithAdvice';
  data: TriageFacts & { receivingOrganisation: string; referrerOrganisation: string | null; advice: string };
};
export type ReferralReferredOn = {
  type: 'ReferralReferredOn';
  data: TriageFacts & { destination: ReferOnDestination; destinationOrganisationId: string | null; note: string | null };
};
export type ReferralDeclined = {
  type: 'ReferralDeclined';
  data: TriageFacts & { reason: DeclineReason; text: string };
};
export type ReferralTriaged =
  | ReferralAccepted
  | ReferralMerged
  | ReferralSignposted
  | ReferralReturnedWithAdvice
  | ReferralReferredOn
  | ReferralDeclined;
/**
 * The person a self-referral names is verified (hazard H-A1): relationships resting on it (the receiving organisation,
 * the provider of the episode it opened) now reach the rest of the person's care as the access policy allows.
 */
export type PatientIdentityVerified = {
  type: 'PatientIdentityVerified';
  data: {
    referralId: string;
    /** The episode the referral's acceptance opened, or null before (or without) acceptance. */
    episodeId: string | null;
    method: IdentityVerificationMethod;
    verifiedByOrganisation: string;
    verifiedAt: string;
  };
};
export type ReferralEvent =
  | PatientIdentityVerified
  | ReferralReceived
  | IncompleteReferralReceived
  | ReferralCompleted
  | UrgentTriageNeeded
  | SelfReferralAcknowledgementRequested
  | ReferralAcknowledgementRequested
  | ReferralWithdrawn
  | ReferralTriaged;

/**
 * Free text of referral events, in the referrer's or clinician's words: it may hold anything about the person, so it
 * is sealed with the person's key in the store and reads as `[erased]` after an erasure (issue 15). Codes, dates and
 * organisations stay readable for the audit trail.
 */
export const REFERRAL_PERSONAL_FIELDS = {
  ReferralReceived: ['reason', 'riskIndicators.notes'],
  // A referral received incomplete (issue 12 item 9) and its completion carry the same free text.
  IncompleteReferralReceived: ['reason', 'riskIndicators.notes'],
  ReferralCompleted: ['reason', 'riskIndicators.notes'],
  ReferralAccepted: ['note'],
  ReferralMerged: ['note'],
  ReferralSignposted: ['note'],
  ReferralReturnedWithAdvice: ['advice'],
  ReferralReferredOn: ['note'],
  ReferralDeclined: ['text'],
} as const satisfies PersonalFieldsOf<ReferralEvent>;

// ---- state ----
export interface ReceivedFields extends IncompleteReferralDetails {
  /** The referral's id: one referral, one stream, whatever happens to the patient's care afterwards. */
  referralId: string;
  /** When the referral reached the service (ISO 8601): the referral-to-treatment clock starts here. */
  receivedAt: string;
  possibleDuplicateOf: string[];
  /** Set when the patient index found other records that may be the same person. */
  possibleDuplicatePatient: PossibleDuplicatePatient | null;
  /** Reasons triage is needed at once; empty for a routine referral. */
  urgentTriageReasons: UrgentTriageReason[];
  /** Required answers still missing (issue 12 item 9); empty once complete. Null answers above are these. */
  missingFields: CompletableReferralField[];
  /** The urgency the last urgent-triage event carried (null: raised before the urgency was known). */
  urgentTriageUrgency: ReferralUrgency | null;
  /** A self-referral's identity verification (hazard H-A1); null until recorded (and for other referrals, which need none). */
  identityVerification: { method: IdentityVerificationMethod; verifiedByOrganisation: string; verifiedAt: string } | null;
}

export type ReferralState =
  /** No referral with this id has been received. */
  | { status: 'None' }
  /** Received and awaiting triage. */
  | ({ status: 'Received' } & ReceivedFields)
  /** Received with answers missing but a risk answer given: awaiting completion, and urgent triage meanwhile. */
  | ({ status: 'Incomplete' } & ReceivedFields)
  /** Withdrawn before triage: no further action is owed. */
  | ({ status: 'Withdrawn'; withdrawnAt: string; withdrawalReason: WithdrawalReason } & ReceivedFields)
  /** Triage decided; `episodeId` is set when it accepted. */
  | ({ status: 'Triaged'; decision: TriageDecision; decidedAt: string; episodeId: string | null } & ReceivedFields);

const sameDetails = (a: IncompleteReferralDetails, b: IncompleteReferralDetails): boolean =>
  a.source === b.source &&
  a.receivingOrganisation === b.receivingOrganisation &&
  a.urgency === b.urgency &&
  a.reason === b.reason &&
  a.patientSubjectId === b.patientSubjectId &&
  a.referrerOrganisation === b.referrerOrganisation &&
  a.consentToShare === b.consentToShare &&
  a.registeredGpPractice === b.registeredGpPractice &&
  (a.consultationId ?? null) === (b.consultationId ?? null) &&
  (a.mdtCaseId ?? null) === (b.mdtCaseId ?? null) &&
  sameContent(a.presentingProblems, b.presentingProblems) &&
  sameContent(a.riskIndicators, b.riskIndicators);

export { sameDetails as sameReferralDetails };

function receive(command: ReceiveReferral, state: ReferralState): ReferralEvent[] {
  const { data } = command;
  if (state.status === 'None') {
    if (!data.consentToShare) throw new ConsentRequiredError();
    const { possibleDuplicatePatient, ...rest } = data;
    const events: ReferralEvent[] = [
      { type: 'ReferralReceived', data: possibleDuplicatePatient ? { ...rest, possibleDuplicatePatient } : { ...rest } },
    ];
    const reasons = urgentTriageReasons(data.urgency, data.riskIndicators);
    if (reasons.length > 0) {
      events.push({
        type: 'UrgentTriageNeeded',
        data: {
          referralId: data.referralId,
          receivingOrganisation: data.receivingOrganisation,
          urgency: data.urgency,
          reasons,
          raisedAt: data.receivedAt,
        },
      });
    }
    events.push({
      type: 'ReferralAcknowledgementRequested',
      data: {
        referralId: data.referralId,
        receivingOrganisation: data.receivingOrganisation,
        recipient: acknowledgementRecipientOf(data),
        requestedAt: data.receivedAt,
      },
    });
    return events;
  }
  // The same referral delivered again (a retry, a re-sent message): already received, nothing new.
  if (state.status === 'Received' && sameDetails(state, data)) return [];
  if (state.status === 'Received') throw new ReferralAlreadyExistsError(data.referralId);
  throw new IllegalTransitionError(command.type, state.status);
}

function receiveIncomplete(command: ReceiveIncompleteReferral, state: ReferralState): ReferralEvent[] {
  const { data } = command;
  if (state.status === 'None') {
    // An explicit "no" to consent is a refusal, not a missing answer.
    if (data.consentToShare === false) throw new ConsentRequiredError();
    const missingFields = missingReferralFields(data);
    // Nothing missing is the normal path; missing answers without a risk answer are refused whole (nothing written).
    if (missingFields.length === 0) throw new InvalidCompletionError('(body)', 'nothing is missing: receive it as a complete referral');
    const reasons = riskAnswersGiven(data.urgency, data.riskIndicators);
    if (reasons.length === 0) throw new ReferralStillIncompleteError(missingFields);
    const { possibleDuplicatePatient, ...rest } = data;
    return [
      {
        type: 'IncompleteReferralReceived',
        data: { ...rest, ...(possibleDuplicatePatient ? { possibleDuplicatePatient } : {}), missingFields },
      },
      {
        type: 'UrgentTriageNeeded',
        data: { referralId: data.referralId, receivingOrganisation: data.receivingOrganisation, urgency: data.urgency, reasons, raisedAt: data.receivedAt },
      },
      {
        type: 'ReferralAcknowledgementRequested',
        data: {
          referralId: data.referralId,
          receivingOrganisation: data.receivingOrganisation,
          recipient: acknowledgementRecipientOf(data),
          requestedAt: data.receivedAt,
        },
      },
    ];
  }
  if (state.status === 'Incomplete' && sameDetails(state, data)) return [];
  if (state.status === 'Incomplete' || state.status === 'Received') throw new ReferralAlreadyExistsError(data.referralId);
  throw new IllegalTransitionError(command.type, state.status);
}

const COMPLETABLE_KEYS = ['urgency', 'reason', 'presentingProblems', 'registeredGpPractice', 'consentToShare'] as const;
const RISK_KEYS = ['selfHarm', 'suicidalThoughts', 'harmToOthers'] as const;

/**
 * Completes an incomplete referral: the supplied answers fill the missing ones. An answer already given cannot be
 * changed here (the same value again is harmless); the result must be complete, or nothing is written.
 */
function complete(command: CompleteReferral, state: ReferralState): ReferralEvent[] {
  const { referralId, answers, completedAt } = command.data;
  if (state.status === 'None') throw new ReferralNotFoundError(referralId);
  if (state.status !== 'Incomplete' && state.status !== 'Received') throw new IllegalTransitionError(command.type, state.status);
  const supplied: CompletableReferralField[] = [];
  const merged: CompletableAnswers = {
    urgency: state.urgency,
    reason: state.reason,
    presentingProblems: state.presentingProblems,
    registeredGpPractice: state.registeredGpPractice,
    consentToShare: state.consentToShare,
    riskIndicators: { ...state.riskIndicators, notes: state.riskIndicators.notes ?? answers.riskIndicators.notes },
  };
  for (const key of COMPLETABLE_KEYS) {
    const given = answers[key];
    if (given === null) continue;
    const current = state[key];
    if (current === null) {
      (merged as unknown as Record<string, unknown>)[key] = given;
      supplied.push(key);
    } else if (!sameContent(current, given)) {
      throw new InvalidCompletionError(key, 'was already answered; a completion supplies only the missing answers');
    }
  }
  for (const key of RISK_KEYS) {
    const given = answers.riskIndicators[key];
    if (given === null) continue;
    const current = state.riskIndicators[key];
    if (current === null) {
      merged.riskIndicators[key] = given;
      supplied.push(`riskIndicators.${key}`);
    } else if (current !== given) {
      throw new InvalidCompletionError(`riskIndicators.${key}`, 'was already answered; a completion supplies only the missing answers');
    }
  }
  // Already complete: the same answers again (a retry) are harmless.
  if (state.status === 'Received') return [];
  if (merged.consentToShare === false) throw new ConsentRequiredError();
  const stillMissing = missingReferralFields(merged);
  if (stillMissing.length > 0) throw new ReferralStillIncompleteError(stillMissing);
  const { urgency, reason, presentingProblems, registeredGpPractice, consentToShare } = merged;
  const risk = merged.riskIndicators;
  if (urgency === null || reason === null || presentingProblems === null || registeredGpPractice === null || consentToShare === null) {
    throw new ReferralStillIncompleteError(stillMissing);
  }
  const riskIndicators = {
    selfHarm: risk.selfHarm === true,
    suicidalThoughts: risk.suicidalThoughts === true,
    harmToOthers: risk.harmToOthers === true,
    notes: risk.notes,
  };
  // Raised again when the completion adds a reason or names the urgency the first alert lacked.
  const reasons = [...state.urgentTriageReasons];
  for (const given of riskAnswersGiven(urgency, riskIndicators)) if (!reasons.includes(given)) reasons.push(given);
  const events: ReferralEvent[] = [
    {
      type: 'ReferralCompleted',
      data: {
        referralId,
        source: state.source,
        receivingOrganisation: state.receivingOrganisation,
        referrerOrganisation: state.referrerOrganisation,
        receivedAt: state.receivedAt,
        completedAt,
        suppliedFields: supplied,
        urgency,
        reason,
        presentingProblems: [...presentingProblems],
        registeredGpPractice,
        consentToShare,
        riskIndicators,
        urgentTriageReasons: reasons,
      },
    },
  ];
  if (reasons.length > state.urgentTriageReasons.length || state.urgentTriageUrgency === null) {
    events.push({
      type: 'UrgentTriageNeeded',
      data: { referralId, receivingOrganisation: state.receivingOrganisation, urgency, reasons, raisedAt: completedAt },
    });
  }
  return events;
}

function triage(command: TriageReferral, state: ReferralState): ReferralEvent[] {
  const { referralId, decision, decidedAt, episodeId } = command.data;
  if (state.status === 'None') throw new ReferralNotFoundError(referralId);
  if (state.status === 'Triaged') {
    // A repeated identical decision (a retry) is harmless; another decision is a conflict.
    if (sameDecision(state.decision, decision)) return [];
    throw new ReferralAlreadyTriagedError(referralId, state.decision.outcome);
  }
  if (state.status === 'Withdrawn') throw new IllegalTransitionError(command.type, state.status);
  const base = { referralId, decidedAt };
  switch (decision.outcome) {
    case 'accept':
      // An episode needs the whole referral; the duty clinician can still signpost, refer on, return or decline.
      if (state.status === 'Incomplete' || state.urgency === null) throw new ReferralIncompleteError(referralId, state.missingFields);
      return [
        {
          type: 'ReferralAccepted',
          data: {
            ...base,
            episodeId,
            step: decision.step,
            providingOrganisationId: decision.providingOrganisationId,
            receivingOrganisation: state.receivingOrganisation,
            urgency: state.urgency,
            referredAt: state.receivedAt,
            note: decision.note,
          },
        },
      ];
    case 'merge':
      if (decision.mergedIntoReferralId === referralId) {
        throw new InvalidTriageDecisionError('mergedIntoReferralId', 'a referral cannot be merged into itself');
      }
      return [{ type: 'ReferralMerged', data: { ...base, mergedIntoReferralId: decision.mergedIntoReferralId, note: decision.note } }];
    case 'signpost':
      return [
        {
          type: 'ReferralSignposted',
          data: {
            ...base,
            receivingOrganisation: state.receivingOrganisation,
            service: decision.service,
            directoryServiceId: decision.directoryServiceId,
            note: decision.note,
          },
        },
      ];
    case 'return-with-advice':
      return [
        {
          type: 'ReferralReturnedWithAdvice',
          data: {
            ...base,
            receivingOrganisation: state.receivingOrganisation,
            referrerOrganisation: state.referrerOrganisation,
            advice: decision.advice,
          },
        },
      ];
    case 'refer-on':
      return [
        {
          type: 'ReferralReferredOn',
          data: {
            ...base,
            destination: decision.destination,
            destinationOrganisationId: decision.destinationOrganisationId,
            note: decision.note,
          },
        },
      ];
    case 'decline':
      if (decision.reason === 'other' && decision.text.trim() === '') {
        throw new InvalidTriageDecisionError('text', 'a decline for "other" must say why');
      }
      return [{ type: 'ReferralDeclined', data: { ...base, reason: decision.reason, text: decision.text } }];
    default:
      return assertNever(decision, 'triage decision');
  }
}

function verifyIdentity(command: VerifyPatientIdentity, state: ReferralState): ReferralEvent[] {
  const { data } = command;
  if (state.status === 'None') throw new ReferralNotFoundError(data.referralId);
  if (state.source !== 'self') throw new IdentityVerificationNotNeededError();
  // Verified once is verified: a second verification (a retry, another method) records nothing new.
  if (state.identityVerification !== null) return [];
  if (state.status === 'Withdrawn') throw new IllegalTransitionError(command.type, state.status);
  const episodeId = state.status === 'Triaged' ? state.episodeId : null;
  return [{ type: 'PatientIdentityVerified', data: { ...data, episodeId } }];
}

function decide(command: ReferralCommand, state: ReferralState): ReferralEvent[] {
  switch (command.type) {
    case 'ReceiveReferral':
      return receive(command, state);
    case 'ReceiveIncompleteReferral':
      return receiveIncomplete(command, state);
    case 'CompleteReferral':
      return complete(command, state);
    case 'WithdrawReferral': {
      const { data } = command;
      if (state.status === 'None') throw new ReferralNotFoundError(data.referralId);
      // Already withdrawn: the outcome is in the state (whatever reason this repeat gives).
      if (state.status === 'Withdrawn') return [];
      if (state.status === 'Triaged') throw new IllegalTransitionError(command.type, state.status);
      return [{ type: 'ReferralWithdrawn', data: { ...data } }];
    }
    case 'TriageReferral':
      return triage(command, state);
    case 'VerifyPatientIdentity':
      return verifyIdentity(command, state);
    default:
      return assertNever(command, 'referral command');
  }
}

/** The decision a triage event records, as the triager stated it (to recognise a repeat). */
function decisionOf(event: ReferralTriaged): TriageDecision {
  switch (event.type) {
    case 'ReferralAccepted':
      return { outcome: 'accept', step: event.data.step, providingOrganisationId: event.data.providingOrganisationId, note: event.data.note };
    case 'ReferralMerged':
      return { outcome: 'merge', mergedIntoReferralId: event.data.mergedIntoReferralId, note: event.data.note };
    case 'ReferralSignposted':
      return { outcome: 'signpost', service: event.data.service, directoryServiceId: event.data.directoryServiceId, note: event.data.note };
    case 'ReferralReturnedWithAdvice':
      return { outcome: 'return-with-advice', advice: event.data.advice };
    case 'ReferralReferredOn':
      return {
        outcome: 'refer-on',
        destination: event.data.destination,
        destinationOrganisationId: event.data.destinationOrganisationId,
        note: event.data.note,
      };
    case 'ReferralDeclined':
      return { outcome: 'decline', reason: event.data.reason, text: event.data.text };
    default:
      return assertNever(event, 'triage event');
  }
}

/** The received facts of a referral, whatever its status, field by field (no status-specific field carried over). */
export function receivedFieldsOf(state: Exclude<ReferralState, { status: 'None' }>): ReceivedFields {
  return {
    referralId: state.referralId,
    source: state.source,
    receivingOrganisation: state.receivingOrganisation,
    urgency: state.urgency,
    reason: state.reason,
    patientSubjectId: state.patientSubjectId,
    referrerOrganisation: state.referrerOrganisation,
    presentingProblems: state.presentingProblems,
    riskIndicators: state.riskIndicators,
    consentToShare: state.consentToShare,
    registeredGpPractice: state.registeredGpPractice,
    consultationId: state.consultationId ?? null,
    // Only an MDT's referral names its case (every other referral's record stays as it was).
    ...(state.mdtCaseId ? { mdtCaseId: state.mdtCaseId } : {}),
    receivedAt: state.receivedAt,
    possibleDuplicateOf: state.possibleDuplicateOf,
    possibleDuplicatePatient: state.possibleDuplicatePatient,
    urgentTriageReasons: state.urgentTriageReasons,
    missingFields: state.missingFields,
    urgentTriageUrgency: state.urgentTriageUrgency,
    identityVerification: state.identityVerification,
  };
}

/** The state a receipt (whole or incomplete) folds to: copies, never the event's own arrays. */
function receivedState(
  status: 'Received' | 'Incomplete',
  data: IncompleteReferralReceived['data'] | ReferralReceived['data'],
  missingFields: readonly CompletableReferralField[],
): ReferralState {
  return {
    status,
    referralId: data.referralId,
    source: data.source,
    receivingOrganisation: data.receivingOrganisation,
    urgency: data.urgency,
    reason: data.reason,
    patientSubjectId: data.patientSubjectId,
    referrerOrganisation: data.referrerOrganisation,
    presentingProblems: data.presentingProblems === null ? null : [...data.presentingProblems],
    riskIndicators: { ...data.riskIndicators },
    consentToShare: data.consentToShare,
    registeredGpPractice: data.registeredGpPractice,
    consultationId: data.consultationId ?? null,
    ...(data.mdtCaseId ? { mdtCaseId: data.mdtCaseId } : {}),
    receivedAt: data.receivedAt,
    possibleDuplicateOf: [...data.possibleDuplicateOf],
    possibleDuplicatePatient: data.possibleDuplicatePatient
      ? { reason: data.possibleDuplicatePatient.reason, candidates: [...data.possibleDuplicatePatient.candidates] }
      : null,
    urgentTriageReasons: [],
    missingFields: [...missingFields],
    urgentTriageUrgency: null,
    identityVerification: null,
  };
}

function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralReceived': {
      const { data } = event;
      // Referrals received before the practice was captured: a GP referral names its own practice.
      const registeredGpPractice = data.registeredGpPractice ?? (data.source === 'gp' ? data.referrerOrganisation : null);
      return receivedState('Received', { ...data, registeredGpPractice }, []);
    }
    case 'IncompleteReferralReceived':
      return receivedState('Incomplete', event.data, event.data.missingFields);
    case 'ReferralCompleted': {
      if (state.status !== 'Incomplete') return state;
      const { data } = event;
      return {
        ...state,
        status: 'Received',
        urgency: data.urgency,
        reason: data.reason,
        presentingProblems: [...data.presentingProblems],
        registeredGpPractice: data.registeredGpPractice,
        consentToShare: data.consentToShare,
        riskIndicators: { ...data.riskIndicators },
        missingFields: [],
      };
    }
    case 'PatientIdentityVerified': {
      if (state.status === 'None') return state;
      const { method, verifiedByOrganisation, verifiedAt } = event.data;
      return { ...state, identityVerification: { method, verifiedByOrganisation, verifiedAt } };
    }
    case 'SelfReferralAcknowledgementRequested':
    case 'ReferralAcknowledgementRequested':
      return state;
    case 'UrgentTriageNeeded':
      if (state.status === 'None') return state;
      return { ...state, urgentTriageReasons: [...event.data.reasons], urgentTriageUrgency: event.data.urgency };
    case 'ReferralWithdrawn':
      // A projection never rejects a fact: a withdrawal of an unknown referral leaves it unknown.
      if (state.status === 'None') return state;
      return { ...state, status: 'Withdrawn', withdrawnAt: event.data.withdrawnAt, withdrawalReason: event.data.reason };
    case 'ReferralAccepted':
    case 'ReferralMerged':
    case 'ReferralSignposted':
    case 'ReferralReturnedWithAdvice':
    case 'ReferralReferredOn':
    case 'ReferralDeclined': {
      if (state.status === 'None') return state;
      return {
        ...receivedFieldsOf(state),
        status: 'Triaged',
        decision: decisionOf(event),
        decidedAt: event.data.decidedAt,
        episodeId: event.type === 'ReferralAccepted' ? event.data.episodeId : null,
      };
    }
    default:
      return assertNever(event, 'referral event');
  }
}

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: { status: 'None' },
  decide,
  evolve,
};

/** Stream of one referral: category `referral`. */
export const referralStreamId = (referralId: string): string => `referral-${referralId}`;
