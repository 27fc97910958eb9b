import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { applyCareRelationshipEvent, careRelationshipsFromIntegrationEvent } from '@stepwell/access';
import type { EntityManager } from 'typeorm';
import {
  EpisodeDischargedV1Contract,
  EpisodeStepChangedV1Contract,
  ReferralAcceptedV1Contract,
  type EpisodeDischargedV1,
  type EpisodeStepChangedV1,
  type ReferralAcceptedV1,
} from '@stepwell/contracts';
import { type IntegrationEvent, OnIntegrationEvent, processOnce } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import { SCHEDULING_CONSUMER } from './referrals.consumer';

const TABLE = '"scheduling"."waiting_list"';

/** A message that can never be applied (no patient on an acceptance): dead-lettered at once, not retried. */
class UnusableMessageError extends Error {
  readonly permanent = true;
  readonly code = 'UNUSABLE_MESSAGE' as const;
}

/**
 * The episode's care relationships, by the access library's one rule table (scoped to the episode: the new provider
 * starts, the one handing over or discharging becomes a past provider), in the message's own transaction.
 */
async function relate(manager: EntityManager, event: IntegrationEvent): Promise<void> {
  const relationships = careRelationshipsFromIntegrationEvent(event);
  if (relationships) await applyCareRelationshipEvent(manager, relationships);
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
      // The providing organisation provides this episode from now on (idempotent; also applied by the platform).
      await relate(manager, event);
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
      await relate(manager, event);
    });
  }

  @OnIntegrationEvent(EpisodeDischargedV1Contract)
  async onDischarged(@Payload() event: IntegrationEvent<EpisodeDischargedV1>): Promise<void> {
    const d = event.data;
    await processOnce(this.dataSource, SCHEDULING_CONSUMER, event.messageId, async (manager) => {
      await manager.query(`UPDATE ${TABLE} SET status = 'discharged', changed_at = $2 WHERE episode_id = $1`, [d.episodeId, d.dischargedAt]);
      await relate(manager, event);
    });
  }
}
