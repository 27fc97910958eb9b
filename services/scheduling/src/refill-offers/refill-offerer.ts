import { Inject, Injectable } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import { DataSource } from 'typeorm';
import { HOUR_MS, MINUTE_MS } from '../domain';
import { CLOCK, type Clock } from '@stepwell/http';

/** A freed slot is offered only when it starts within this time: further ahead, normal booking fills it. */
export const REFILL_WINDOW_MS = 48 * HOUR_MS;
/** How long staff have to accept an offer for the person before it passes to the next. */
export const OFFER_TTL_MS = 30 * MINUTE_MS;

/**
 * Cancellations refilled: a slot freed less than 48 hours ahead is offered to the most suitable person waiting
 * at its organisation (most urgent, then longest waiting; the waiting list does not know mode or language
 * preferences yet), one person at a time. An offer expires after 30 minutes or at the slot's start; an expired or declined offer
 * passes to the next person. Expiry is applied whenever offers are read or acted on.
 */
@Injectable()
export class RefillOfferer {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Offers the slot to the next person if it is free, starts within the window and has no live offer. */
  async offerNext(slotId: string, at: string = this.clock.now()): Promise<void> {
    const now = Date.parse(at);
    const [slot] = (await this.dataSource.query(
      `SELECT slot_id, organisation_id, starts_at, status FROM "scheduling"."slots" WHERE slot_id = $1`,
      [slotId],
    )) as { slot_id: string; organisation_id: string; starts_at: Date; status: string }[];
    if (!slot || slot.status !== 'open') return;
    const startsAt = slot.starts_at.getTime();
    if (startsAt <= now || startsAt - now > REFILL_WINDOW_MS) return;
    const [next] = (await this.dataSource.query(
      `SELECT w.episode_id, w.patient_subject_id FROM "scheduling"."waiting_list" w
        WHERE w.status = 'waiting' AND w.organisation_id = $1
          AND NOT EXISTS (SELECT 1 FROM "scheduling"."refill_offers" o WHERE o.slot_id = $2 AND o.episode_id = w.episode_id)
          AND NOT EXISTS (SELECT 1 FROM "scheduling"."refill_offers" o WHERE o.episode_id = w.episode_id AND o.status = 'offered')
        ORDER BY CASE w.urgency WHEN 'crisis' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, w.waiting_since, w.episode_id
        LIMIT 1`,
      [slot.organisation_id, slotId],
    )) as { episode_id: string; patient_subject_id: string }[];
    if (!next) return;
    const expiresAt = Math.min(now + OFFER_TTL_MS, startsAt);
    // The unique indexes make a concurrent second offer for the slot (or the person) a no-op.
    await this.dataSource.query(
      `INSERT INTO "scheduling"."refill_offers" (offer_id, slot_id, organisation_id, episode_id, patient_subject_id, status, offered_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'offered', $6, $7) ON CONFLICT DO NOTHING`,
      [
        deterministicUuid(`refill-offer\u0000${slotId}\u0000${next.episode_id}`),
        slotId,
        slot.organisation_id,
        next.episode_id,
        next.patient_subject_id,
        new Date(now).toISOString(),
        new Date(expiresAt).toISOString(),
      ],
    );
  }

  /** Expired offers pass to the next person. */
  async expire(): Promise<void> {
    const expired = (await this.dataSource.query(
      `UPDATE "scheduling"."refill_offers" SET status = 'expired' WHERE status = 'offered' AND expires_at <= $1 RETURNING slot_id`,
      [this.clock.now()],
    )) as [{ slot_id: string }[], number] | { slot_id: string }[];
    const rows = Array.isArray(expired[0]) ? (expired[0] as { slot_id: string }[]) : (expired as { slot_id: string }[]);
    for (const row of rows) await this.offerNext(row.slot_id);
  }

}
