import { offeredMeasureIds, offerSummary, type OfferReason, type OfferStatus } from '../domain';
import type { OpenOffer } from './offer-access';

/** An offer of consultation as its organisation sees it: ids, codes, numbers and the summary line built from them. */
export interface OfferView {
  id: string;
  organisation: string;
  patientSubjectId: string;
  trigger: OfferReason['trigger'];
  summary: string;
  reason: OfferReason;
  /** What accepting shares with the specialist, by reference. */
  measureIds: string[];
  status: OfferStatus;
  consultationId: string | null;
  triggeredAt: string;
  offeredAt: string;
  decidedAt: string | null;
}

export function offerViewOf(row: {
  offerId: string;
  organisationId: string;
  patientSubjectId: string;
  reason: OfferReason;
  status: OfferStatus;
  consultationId: string | null;
  triggeredAt: string;
  offeredAt: string;
  decidedAt: string | null;
}): OfferView {
  return {
    id: row.offerId,
    organisation: row.organisationId,
    patientSubjectId: row.patientSubjectId,
    trigger: row.reason.trigger,
    summary: offerSummary(row.reason),
    reason: row.reason,
    measureIds: offeredMeasureIds(row.reason),
    status: row.status,
    consultationId: row.consultationId,
    triggeredAt: row.triggeredAt,
    offeredAt: row.offeredAt,
    decidedAt: row.decidedAt,
  };
}

export function offerView(state: OpenOffer): OfferView {
  return offerViewOf({
    ...state.offer,
    status: state.status,
    consultationId: state.status === 'accepted' ? state.consultationId : null,
    decidedAt: state.status === 'accepted' ? state.acceptedAt : state.status === 'dismissed' ? state.dismissedAt : null,
  });
}
