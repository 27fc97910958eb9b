import { assertNever, DomainError, sameFacts, type Decider, type PersonalFieldsOf } from '@stepwell/decider';

/**
 * An offer of consultation (issue 16 item 7, and gap watch, issue 18): the service noticed something that a
 * specialist's advice may help with and puts an offer in the worklist of the organisation that can act on it. One
 * stream per trigger (the offer id is derived from it), so the same trigger never makes a second offer. The offer
 * carries ids, codes and numbers only: the person's measures by reference (`measureIds`), never free text.
 */
export const OFFER_TRIGGERS = ['episode-not-on-track', 'care-thread-flagged'] as const;
export type OfferTrigger = (typeof OFFER_TRIGGERS)[number];

/** Per questionnaire of the episode: the first and the latest total, and the measure ids behind them. */
export interface OfferedMeasure {
  questionnaireCode: string;
  first: number;
  latest: number;
  measureIds: string[];
}

export type OfferReason =
  | {
      trigger: 'episode-not-on-track';
      episodeId: string;
      ruleSetVersion: string;
      notOnTrackReason: 'reliable-deterioration' | 'no-reliable-improvement';
      attendedTreatmentSessions: number;
      measures: OfferedMeasure[];
    }
  | {
      trigger: 'care-thread-flagged';
      threadId: string;
      refusingOrganisationIds: string[];
      refusalCount: number;
      riskIndicated: boolean;
    };

export interface OfferFacts {
  offerId: string;
  /** The organisation whose worklist the offer is in: the episode's provider, or the thread's referring practice. */
  organisationId: string;
  patientSubjectId: string;
  reason: OfferReason;
  /** When the trigger was detected (the upstream event's own time). */
  triggeredAt: string;
  offeredAt: string;
}

export type MakeOffer = { type: 'MakeOffer'; offer: OfferFacts };
export type AcceptOffer = { type: 'AcceptOffer'; consultationId: string; by: { userId: string; organisationId: string }; at: string };
export type DismissOffer = { type: 'DismissOffer'; reason: string; by: { userId: string; organisationId: string }; at: string };
export type OfferCommand = MakeOffer | AcceptOffer | DismissOffer;

export type ConsultationOffered = { type: 'ConsultationOffered'; data: OfferFacts };
export type ConsultationOfferAccepted = { type: 'ConsultationOfferAccepted'; data: { offerId: string; consultationId: string; acceptedBy: string; acceptedAt: string } };
export type ConsultationOfferDismissed = { type: 'ConsultationOfferDismissed'; data: { offerId: string; reason: string; dismissedBy: string; dismissedAt: string } };
export type OfferEvent = ConsultationOffered | ConsultationOfferAccepted | ConsultationOfferDismissed;

export type OfferState =
  | { status: 'None' }
  | { status: 'open'; offer: OfferFacts }
  | { status: 'accepted'; offer: OfferFacts; consultationId: string; acceptedAt: string }
  | { status: 'dismissed'; offer: OfferFacts; reason: string; dismissedAt: string };

export const OFFER_STATUSES = ['open', 'accepted', 'dismissed'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** The dismissal reason is free text about the person: sealed with their key by the event store's codec (issue 15). */
export const OFFER_PERSONAL_FIELDS = {
  ConsultationOfferDismissed: ['reason'],
} as const satisfies PersonalFieldsOf<OfferEvent>;

const MAX_REASON = 2000;

const illegal = (state: Exclude<OfferState, { status: 'None' }>, what: string): never => {
  throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${what} an offer that is ${state.status}`, { status: state.status });
};

/**
 * Making an offer for a trigger already offered does nothing (whatever became of the first offer): the offer is not
 * repeated for the same trigger. Accepting records the consultation request it created; dismissing needs a reason.
 * Repeating the same step writes nothing; the other step after one was taken is 409.
 */
export const offerDecider: Decider<OfferCommand, OfferEvent, OfferState> = {
  initialState: { status: 'None' },
  decide(command, state) {
    switch (command.type) {
      case 'MakeOffer':
        if (state.status !== 'None') {
          if (state.offer.offerId !== command.offer.offerId) throw new DomainError('OFFER_ID_CONFLICT', 'A different offer has this id');
          return [];
        }
        return [{ type: 'ConsultationOffered', data: command.offer }];
      case 'AcceptOffer':
        if (state.status === 'None') throw new DomainError('OFFER_NOT_FOUND', 'No such offer');
        if (state.status === 'accepted' && state.consultationId === command.consultationId) return [];
        if (state.status !== 'open') return illegal(state, 'accept');
        return [{ type: 'ConsultationOfferAccepted', data: { offerId: state.offer.offerId, consultationId: command.consultationId, acceptedBy: command.by.userId, acceptedAt: command.at } }];
      case 'DismissOffer': {
        if (state.status === 'None') throw new DomainError('OFFER_NOT_FOUND', 'No such offer');
        const reason = command.reason.trim();
        if (reason.length === 0 || reason.length > MAX_REASON) throw new DomainError('INVALID_TEXT', `A dismissal gives a reason of 1 to ${MAX_REASON} characters`);
        if (state.status === 'dismissed' && sameFacts(state.reason, reason)) return [];
        if (state.status !== 'open') return illegal(state, 'dismiss');
        return [{ type: 'ConsultationOfferDismissed', data: { offerId: state.offer.offerId, reason, dismissedBy: command.by.userId, dismissedAt: command.at } }];
      }
      default:
        return assertNever(command, 'offer command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ConsultationOffered':
        return { status: 'open', offer: event.data };
      case 'ConsultationOfferAccepted':
        if (state.status === 'None') return state;
        return { status: 'accepted', offer: state.offer, consultationId: event.data.consultationId, acceptedAt: event.data.acceptedAt };
      case 'ConsultationOfferDismissed':
        if (state.status === 'None') return state;
        return { status: 'dismissed', offer: state.offer, reason: event.data.reason, dismissedAt: event.data.dismissedAt };
      default:
        return assertNever(event, 'offer event');
    }
  },
};

/**
 * The offer as a line a clinician reads: "PHQ-9 18 → 17 over 6 sessions, no reliable improvement — ask a
 * specialist?". Built from the codes and numbers the offer carries (no stored free text).
 */
export function offerSummary(reason: OfferReason): string {
  if (reason.trigger === 'care-thread-flagged') {
    return `Refused by ${reason.refusalCount} services within 90 days${reason.riskIndicated ? ', with risk indicated' : ''} — ask for a consultation or an MDT discussion?`;
  }
  const measures = reason.measures.map((m) => `${m.questionnaireCode} ${m.first} → ${m.latest}`).join(', ');
  const sessions = `over ${reason.attendedTreatmentSessions} session${reason.attendedTreatmentSessions === 1 ? '' : 's'}`;
  const why = reason.notOnTrackReason === 'reliable-deterioration' ? 'reliable deterioration' : 'no reliable improvement';
  return `${measures ? `${measures} ` : ''}${sessions}, ${why} — ask a specialist?`;
}

/** Every measure id the offer refers to: what accepting it shares with the specialist, by reference. */
export const offeredMeasureIds = (reason: OfferReason): string[] =>
  reason.trigger === 'episode-not-on-track' ? [...new Set(reason.measures.flatMap((m) => m.measureIds))] : [];
