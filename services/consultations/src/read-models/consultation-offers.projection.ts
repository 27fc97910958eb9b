import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { OFFER_CATEGORY, type OfferEvent } from '../domain';

const S = '"consultations"';
export const CONSULTATION_OFFERS_PROJECTION_ID = 'consultations.offers';
export const CONSULTATION_OFFERS_PROJECTION_VERSION = 1;

/**
 * Keeps the offers of consultation from their streams (the platform's ProjectionRunner: rows and checkpoint in one
 * transaction; `last_position` guards every update). The offer's reason is codes and numbers; a dismissal's free-text
 * reason stays sealed in the offer's stream.
 */
@Injectable()
export class ConsultationOffersProjection implements Projection {
  readonly name = CONSULTATION_OFFERS_PROJECTION_ID;
  readonly version = CONSULTATION_OFFERS_PROJECTION_VERSION;
  readonly handles = { categories: [OFFER_CATEGORY] };

  /** DELETE, not TRUNCATE: readers go on seeing the old rows until the rebuild commits. */
  async reset(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM ${S}."consultation_offers"`);
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as OfferEvent & RecordedEvent;
    const position = recorded.globalPosition;
    switch (event.type) {
      case 'ConsultationOffered': {
        const o = event.data;
        await manager.query(
          `INSERT INTO ${S}."consultation_offers" (offer_id, trigger, organisation_id, patient_subject_id, reason, status, triggered_at, offered_at, last_position)
           VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8) ON CONFLICT (offer_id) DO NOTHING`,
          [o.offerId, o.reason.trigger, o.organisationId, o.patientSubjectId, JSON.stringify(o.reason), o.triggeredAt, o.offeredAt, position],
        );
        return;
      }
      case 'ConsultationOfferAccepted':
        await manager.query(
          `UPDATE ${S}."consultation_offers" SET status = 'accepted', consultation_id = $3, decided_at = $4, last_position = $2 WHERE offer_id = $1 AND last_position < $2`,
          [event.data.offerId, position, event.data.consultationId, event.data.acceptedAt],
        );
        return;
      case 'ConsultationOfferDismissed':
        await manager.query(
          `UPDATE ${S}."consultation_offers" SET status = 'dismissed', decided_at = $3, last_position = $2 WHERE offer_id = $1 AND last_position < $2`,
          [event.data.offerId, position, event.data.dismissedAt],
        );
        return;
      default:
        return;
    }
  }
}
