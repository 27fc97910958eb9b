import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CareThreadFlaggedV1Contract,
  EpisodeOpenedV1Contract,
  EpisodeStepChangedV1Contract,
  OrganisationRecordedV1Contract,
  ReferralMergedV1Contract,
  ReferralReceivedV1Contract,
  ReferralWithdrawnV1Contract,
  type CareThreadFlaggedV1,
  type EpisodeOpenedV1,
  type EpisodeStepChangedV1,
  type OrganisationRecordedV1,
  type ReferralMergedV1,
  type ReferralReceivedV1,
  type ReferralWithdrawalReason,
  type ReferralWithdrawnV1,
} from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { patientErasureConsumer, secondaryUseOptOutConsumer } from '@stepwell/personal-data';
import { DataSource } from 'typeorm';
import { ConsultationOffers } from '../shared/consultation-offers';

/** The consumer group (and inbox name) of the consultations service for the topics it consumes. */
export const CONSULTATIONS_CONSUMER = 'consultations';

/** The national data opt-out (issue 15 item 5), kept for `GET /metrics/consultations`, which leaves opted-out people out. */
export const ConsultationsOptOutConsumer = secondaryUseOptOutConsumer(CONSULTATIONS_CONSUMER);

/**
 * An erasure decided in referrals shreds the person's keys here too (their consultations' free text reads `[erased]`),
 * and confirms it back to referrals as `consultations.patient-erasure-confirmed`.
 */
export const ConsultationsErasureConsumer = patientErasureConsumer({ consumer: CONSULTATIONS_CONSUMER, service: 'consultations' });

/** Withdrawal reasons that mean no referral was really made (the rate leaves them out). */
export const NOT_A_REFERRAL_MADE: readonly ReferralWithdrawalReason[] = ['duplicate', 'entered-in-error'];

/**
 * What consultations learns from referrals (ids and codes only): which organisation provides each episode (the
 * organisation a not-on-track offer is for), the referrals received and the registry's organisation types (the
 * metrics' secondary care referral rate per practice), and gap watch's flagged care threads (issue 18), each an offer of
 * consultation to the thread's referring practice. Each message's rows go in with its id in the inbox (a redelivery
 * writes nothing); the offer is then made on its own stream, idempotently.
 */
@Controller()
export class ReferralsEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: ConsultationOffers,
  ) {}

  @OnIntegrationEvent(EpisodeOpenedV1Contract)
  async onEpisodeOpened(@Payload() event: IntegrationEvent<EpisodeOpenedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    const d = event.data;
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, event.messageId, (manager) =>
      this.offers.recordEpisode(manager, { episodeId: d.episodeId, patientSubjectId, providingOrganisationId: d.providingOrganisationId, changedAt: d.openedAt }),
    );
    await this.offers.offerForEpisode(d.episodeId);
  }

  @OnIntegrationEvent(EpisodeStepChangedV1Contract)
  async onEpisodeStepChanged(@Payload() event: IntegrationEvent<EpisodeStepChangedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    const d = event.data;
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, event.messageId, (manager) =>
      this.offers.recordEpisode(manager, { episodeId: d.episodeId, patientSubjectId, providingOrganisationId: d.toOrganisationId, changedAt: d.changedAt }),
    );
    await this.offers.offerForEpisode(d.episodeId);
  }

  /**
   * A referral received (v1: published once the referral is whole, at its original `receivedAt`), kept for the
   * metrics' secondary care referral rate per practice: referrer, receiving organisation, time, and the person's id
   * only for the national data opt-out. A self-referral names no referring organisation and is not kept. A redelivery
   * (same message) or the same referral again writes nothing.
   */
  @OnIntegrationEvent(ReferralReceivedV1Contract)
  async onReferralReceived(@Payload() event: IntegrationEvent<ReferralReceivedV1>): Promise<void> {
    const d = event.data;
    const referrer = d.referrerOrganisationId;
    if (referrer === null) return;
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO "consultations"."referrals_received" (referral_id, patient_subject_id, referrer_organisation_id, receiving_organisation_id, received_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (referral_id) DO NOTHING`,
        [d.referralId, event.patientSubjectId, referrer, d.receivingOrganisationId, d.receivedAt],
      );
    });
  }

  /**
   * A referral withdrawn as a duplicate or entered in error was never a referral made, and one merged into another
   * is counted as that other: neither counts in the secondary care referral rate. A referral withdrawn at the
   * person's or the referrer's request was made, and counts. Kept apart, so the order of arrival does not matter.
   */
  @OnIntegrationEvent(ReferralWithdrawnV1Contract)
  async onReferralWithdrawn(@Payload() event: IntegrationEvent<ReferralWithdrawnV1>): Promise<void> {
    const { referralId, reason } = event.data;
    if (!NOT_A_REFERRAL_MADE.includes(reason)) return;
    await this.notCounted(event.messageId, referralId, `withdrawn-${reason}`);
  }

  @OnIntegrationEvent(ReferralMergedV1Contract)
  async onReferralMerged(@Payload() event: IntegrationEvent<ReferralMergedV1>): Promise<void> {
    await this.notCounted(event.messageId, event.data.referralId, 'merged');
  }

  private async notCounted(messageId: string, referralId: string, reason: string): Promise<void> {
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, messageId, async (manager) => {
      await manager.query(`INSERT INTO "consultations"."referrals_not_counted" (referral_id, reason) VALUES ($1, $2) ON CONFLICT (referral_id) DO NOTHING`, [referralId, reason]);
    });
  }

  /** The registry's organisation types (the latest recorded wins, whatever order they arrive in): which receivers are secondary care. */
  @OnIntegrationEvent(OrganisationRecordedV1Contract)
  async onOrganisationRecorded(@Payload() event: IntegrationEvent<OrganisationRecordedV1>): Promise<void> {
    const d = event.data;
    await processOnce(this.dataSource, CONSULTATIONS_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO "consultations"."registered_organisations" AS o (code, organisation_type, recorded_at) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET organisation_type = EXCLUDED.organisation_type, recorded_at = EXCLUDED.recorded_at WHERE o.recorded_at < EXCLUDED.recorded_at`,
        [d.code, d.organisationType, d.recordedAt],
      );
    });
  }

  /** The person is the envelope's; a flag without one (it always has one) names nobody to offer about. */
  @OnIntegrationEvent(CareThreadFlaggedV1Contract)
  async onCareThreadFlagged(@Payload() event: IntegrationEvent<CareThreadFlaggedV1>): Promise<void> {
    const patientSubjectId = event.patientSubjectId;
    if (!patientSubjectId) return;
    await this.offers.offerForCareThread(patientSubjectId, event.data);
  }
}
