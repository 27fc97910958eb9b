import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { applyCareRelationshipsOfMessage } from '@stepwell/access';
import {
  EpisodeDischargedV1Contract,
  EpisodeStepChangedV1Contract,
  ReferralAcceptedV1Contract,
  type EpisodeDischargedV1,
  type EpisodeStepChangedV1,
  type ReferralAcceptedV1,
} from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { SCHEDULING_CONSUMER } from './referrals.consumer';

const TABLE = '"scheduling"."waiting_list"';

/** A message that can never be applied (no patient on an acceptance): dead-lettered at once, not retried. */
class UnusableMessageError extends Error {
  readonly permanent = true;
  readonly code = 'UNUSABLE_MESSAGE' as const;
}

/**
 * Keeps the waiting list from the referrals service's episode events, each message once (inbox). An accepted
 * referral puts the person on the providing organisation's list at its step, waiting since the referral was
 * received; a step change puts them on the new organisation's list for that step, waiting since the change;
 * a discharge takes them off. Rows change only forwards in the episode's time (`changed_at`), so redelivered or
 * late messages do not undo newer facts.
 */
@Controller()
export class EpisodesConsumer {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @OnIntegrationEvent(ReferralAcceptedV1Contract)
  async onReferralAccepted(@Payload() event: IntegrationEvent<ReferralAcceptedV1>): Promise<void> {
    const d = event.data;
    const patient = event.patientSubjectId;
    if (!patient) throw new UnusableMessageError('An accepted referral without a patient cannot join a waiting list');
    await processOnce(this.dataSource, SCHEDULING_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${TABLE} (episode_id, referral_id, patient_subject_id, organisation_id, step, urgency, referred_at,
           waiting_since, status, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'waiting', $8)
         ON CONFLICT (episode_id) DO UPDATE SET referral_id = EXCLUDED.referral_id, urgency = EXCLUDED.urgency,
           referred_at = EXCLUDED.referred_at`,
        [d.episodeId, d.referralId, patient, d.providingOrganisationId, d.step, d.urgency, d.referredAt, d.acceptedAt],
      );
      // The providing organisation cares for the person from now on, in the inbox transaction: the same scoped rows
      // the platform applies on consume, so an episode opened from an unverified self-referral stays unverified (H-A1).
      await applyCareRelationshipsOfMessage(manager, event);
    });
  }

  @OnIntegrationEvent(EpisodeStepChangedV1Contract)
  async onStepChanged(@Payload() event: IntegrationEvent<EpisodeStepChangedV1>): Promise<void> {
    const d = event.data;
    await processOnce(this.dataSource, SCHEDULING_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `UPDATE ${TABLE} SET step = $2, organisation_id = $3, waiting_since = $4, status = 'waiting', changed_at = $4
          WHERE episode_id = $1 AND changed_at <= $4 AND status <> 'discharged'`,
        [d.episodeId, d.toStep, d.toOrganisationId, d.changedAt],
      );
      // The providing organisation cares for the person from now on, in the inbox transaction: the same scoped rows
      // the platform applies on consume, so an episode opened from an unverified self-referral stays unverified (H-A1).
      await applyCareRelationshipsOfMessage(manager, event);
    });
  }

  @OnIntegrationEvent(EpisodeDischargedV1Contract)
  async onDischarged(@Payload() event: IntegrationEvent<EpisodeDischargedV1>): Promise<void> {
    const d = event.data;
    await processOnce(this.dataSource, SCHEDULING_CONSUMER, event.messageId, async (manager) => {
      await manager.query(`UPDATE ${TABLE} SET status = 'discharged', changed_at = $2 WHERE episode_id = $1`, [d.episodeId, d.dischargedAt]);
      // The discharging organisation becomes a past provider (the one rule table, in the inbox transaction).
      await applyCareRelationshipsOfMessage(manager, event);
    });
  }
}
