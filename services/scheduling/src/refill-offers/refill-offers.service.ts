import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@stepwell/access';
import type { Actor } from '@stepwell/event-store';
import { pageEnvelope, pageOffset } from '@stepwell/http';
import { DataSource } from 'typeorm';
import { BookAppointmentHandler } from '../shared/book-appointment.handler';
import type { AppointmentView } from '../shared/appointment.view';
import { RecordOwnership, type AccessCaller } from '../access/record-ownership';
import type { AppointmentMode, AppointmentPurpose } from '../domain';
import { RefillOfferer } from './refill-offerer';
import { NotFoundError } from '@stepwell/decider';
import type { SchedulingErrorCode } from '../shared/scheduling-error-mappings';

export class OfferNotOpenError extends Error {
  readonly code = 'OFFER_NOT_OPEN' as const;

  constructor(readonly status: string) {
    super(`The offer is ${status}`);
    this.name = 'OfferNotOpenError';
  }
}

interface OfferRow {
  offer_id: string;
  slot_id: string;
  organisation_id: string;
  episode_id: string;
  patient_subject_id: string;
  status: string;
  offered_at: Date;
  expires_at: Date;
  starts_at?: Date;
  total?: string;
}

export interface RefillOfferView {
  id: string;
  slotId: string;
  patientSubjectId: string;
  episodeId: string;
  status: string;
  offeredAt: string;
  expiresAt: string;
}

const toView = (r: OfferRow): RefillOfferView => ({
  id: r.offer_id,
  slotId: r.slot_id,
  patientSubjectId: r.patient_subject_id,
  episodeId: r.episode_id,
  status: r.status,
  offeredAt: r.offered_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

/** Listing, accepting and declining refill offers (the offers themselves are made by RefillOfferer). */
@Injectable()
export class RefillOffersService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly offerer: RefillOfferer,
    private readonly book: BookAppointmentHandler,
    private readonly ownership: RecordOwnership,
  ) {}

  async list(filter: { organisation: string; status?: string; page: number; pageSize: number }) {
    await this.offerer.expire();
    const rows = (await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM "scheduling"."refill_offers"
        WHERE organisation_id = $1 AND ($2::text IS NULL OR status = $2)
        ORDER BY offered_at DESC, offer_id LIMIT $3 OFFSET $4`,
      [filter.organisation, filter.status ?? null, filter.pageSize, pageOffset(filter)],
    )) as OfferRow[];
    return pageEnvelope(rows.map(toView), filter, rows[0] ? Number(rows[0].total) : 0);
  }

  /** Books the slot for the person on the offer (staff accept for them). */
  async accept(
    offerId: string,
    choice: { purpose: AppointmentPurpose; mode: AppointmentMode },
    context: { correlationId: string; actor: Actor; principal: Principal },
  ): Promise<RefillOfferView & { appointmentId: string; appointment: AppointmentView }> {
    await this.offerer.expire();
    const offer = await this.liveOffer(offerId, context);
    const { view } = await this.book.handle(
      { patientSubjectId: offer.patient_subject_id, episodeId: offer.episode_id, slotId: offer.slot_id, ...choice },
      { ...context, idempotencyKey: `refill-offer-${offerId}` },
    );
    await this.dataSource.query(`UPDATE "scheduling"."refill_offers" SET status = 'accepted' WHERE offer_id = $1`, [offerId]);
    // One record of one patient (the offer, carrying its booking), so the response is audited as one read.
    return { ...toView({ ...offer, status: 'accepted' }), appointmentId: view.id, appointment: view };
  }

  async decline(offerId: string, caller: AccessCaller): Promise<RefillOfferView> {
    await this.offerer.expire();
    const offer = await this.liveOffer(offerId, caller);
    await this.dataSource.query(`UPDATE "scheduling"."refill_offers" SET status = 'declined' WHERE offer_id = $1 AND status = 'offered'`, [offerId]);
    await this.offerer.offerNext(offer.slot_id);
    return toView({ ...offer, status: 'declined' });
  }

  private async liveOffer(offerId: string, caller: AccessCaller): Promise<OfferRow> {
    const [found] = (await this.dataSource.query(`SELECT * FROM "scheduling"."refill_offers" WHERE offer_id = $1`, [offerId])) as OfferRow[];
    // Only the organisation that made the offer (its slot's) accepts or declines it; a stranger is told there is none.
    const offer = await this.ownership.assertOwner(
      caller,
      found,
      (o) => ({ id: o.offer_id, patientSubjectId: o.patient_subject_id, organisationId: o.organisation_id, episodeId: o.episode_id }),
      'refill-offer',
      () => new NotFoundError<SchedulingErrorCode>('OFFER_NOT_FOUND', 'No such offer'),
    );
    if (offer.status !== 'offered') throw new OfferNotOpenError(offer.status);
    return offer;
  }
}
