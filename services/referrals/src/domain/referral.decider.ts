import { assertNever, type Decider } from '@stepwell/decider';
import { IllegalTransitionError, ReferralAlreadyExistsError, ReferralNotFoundError } from './referral.errors';
import type { ReferralSource, ReferralUrgency, WithdrawalReason } from './referral.vocabulary';

/**
 * One referral, from its receipt to its withdrawal. Triage (accept, decline, signpost...) joins later.
 * Pure: the caller supplies the referral id and the time in each command.
 */

/** What the referrer tells us, as received. No personal data here: the patient joins by subject id later. */
export interface ReferralDetails {
  source: ReferralSource;
  /** ODS code of the organisation the referral is addressed to (e.g. a Talking Therapies service). */
  receivingOrganisation: string;
  urgency: ReferralUrgency;
  /** The referrer's reason for referral, in their words (presenting problem); clinical text, never logged. */
  reason: string;
}

// ---- commands (imperative) ----
export type ReceiveReferral = {
  type: 'ReceiveReferral';
  data: ReferralDetails & { referralId: string; receivedAt: string };
};
export type WithdrawReferral = {
  type: 'WithdrawReferral';
  data: { referralId: string; reason: WithdrawalReason; withdrawnAt: string };
};
export type ReferralCommand = ReceiveReferral | WithdrawReferral;

// ---- events (facts, past tense, explicit string types) ----
export type ReferralReceived = {
  type: 'ReferralReceived';
  data: ReferralDetails & { referralId: string; receivedAt: string };
};
export type ReferralWithdrawn = {
  type: 'ReferralWithdrawn';
  data: { referralId: string; reason: WithdrawalReason; withdrawnAt: string };
};
export type ReferralEvent = ReferralReceived | ReferralWithdrawn;

// ---- state ----
interface ReceivedFields extends ReferralDetails {
  /** The referral's id: one referral, one stream, whatever happens to the patient's care afterwards. */
  referralId: string;
  /**
   * When the referral reached the service (ISO 8601). The referral-to-treatment clock (6 and 18 week
   * standards) starts here.
   */
  receivedAt: string;
}

export type ReferralState =
  /** No referral with this id has been received. */
  | { status: 'None' }
  /** Received and awaiting triage: the service owes the referrer an acknowledgement and a triage decision. */
  | ({ status: 'Received' } & ReceivedFields)
  /** Withdrawn before triage (by the patient or the referrer, or as a duplicate/error): no further action is owed. */
  | ({
      status: 'Withdrawn';
      /** When it was withdrawn (ISO 8601); ends the waiting-time clock without a treatment start. */
      withdrawnAt: string;
      withdrawalReason: WithdrawalReason;
    } & ReceivedFields);

const sameDetails = (a: ReferralDetails, b: ReferralDetails): boolean =>
  a.source === b.source &&
  a.receivingOrganisation === b.receivingOrganisation &&
  a.urgency === b.urgency &&
  a.reason === b.reason;

function decide(command: ReferralCommand, state: ReferralState): ReferralEvent[] {
  switch (command.type) {
    case 'ReceiveReferral': {
      const { data } = command;
      if (state.status === 'None') return [{ type: 'ReferralReceived', data: { ...data } }];
      // The same referral delivered again (a retry, a re-sent message): already received, nothing new.
      if (state.status === 'Received' && sameDetails(state, data)) return [];
      if (state.status === 'Received') throw new ReferralAlreadyExistsError(data.referralId);
      throw new IllegalTransitionError(command.type, state.status);
    }
    case 'WithdrawReferral': {
      const { data } = command;
      if (state.status === 'None') throw new ReferralNotFoundError(data.referralId);
      // Already withdrawn: the outcome is in the state (whatever reason this repeat gives).
      if (state.status === 'Withdrawn') return [];
      return [{ type: 'ReferralWithdrawn', data: { ...data } }];
    }
    default:
      return assertNever(command, 'referral command');
  }
}

function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralReceived': {
      const { referralId, source, receivingOrganisation, urgency, reason, receivedAt } = event.data;
      return { status: 'Received', referralId, source, receivingOrganisation, urgency, reason, receivedAt };
    }
    case 'ReferralWithdrawn':
      // A projection never rejects a fact: a withdrawal of an unknown referral leaves it unknown.
      if (state.status === 'None') return state;
      return { ...state, status: 'Withdrawn', withdrawnAt: event.data.withdrawnAt, withdrawalReason: event.data.reason };
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
