import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import { SOCIAL_PRESCRIPTION_CATEGORY, type SocialPrescriptionEvent } from '../domain';

const D = '"directory"';
export const SOCIAL_PRESCRIPTION_PROJECTION_ID = 'directory.social-prescriptions';

/**
 * Keeps `social_prescriptions` (who holds each prescription, its status, and the community organisation its open or
 * accepted direct referral is addressed to) and `community_referrals` (each direct referral's answer, for the listing
 * statistics). Ids, codes and times only; a projection never rejects a fact.
 */
@Injectable()
export class SocialPrescriptionProjection implements Projection {
  readonly name = SOCIAL_PRESCRIPTION_PROJECTION_ID;
  readonly version = 1;
  readonly handles = { categories: [SOCIAL_PRESCRIPTION_CATEGORY] };

  async reset(manager: EntityManager): Promise<void> {
    for (const table of ['community_referrals', 'social_prescriptions']) await manager.query(`DELETE FROM ${D}."${table}"`);
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const event = recorded as unknown as SocialPrescriptionEvent;
    const d = event.data;
    const status = (value: string, extra = '', params: unknown[] = []): Promise<unknown> =>
      manager.query(`UPDATE ${D}."social_prescriptions" SET status = $2, modified_at = $3${extra} WHERE id = $1`, [d.prescriptionId, value, d.at, ...params]);
    switch (event.type) {
      case 'SocialPrescriptionReferred':
        await manager.query(
          `INSERT INTO ${D}."social_prescriptions" (id, patient_subject_id, link_worker_organisation_id, status, referred_at, modified_at)
           VALUES ($1, $2, $3, 'Referred', $4, $4) ON CONFLICT (id) DO NOTHING`,
          [event.data.prescriptionId, event.data.patientSubjectId, event.data.linkWorkerOrganisationId, event.data.at],
        );
        return;
      case 'WhatMattersConversationRecorded':
        await status('Assessed');
        return;
      case 'CommunityReferralMade':
        await status('AwaitingReply', ', service_id = $4, recipient_organisation_id = $5, reply_by = $6', [event.data.serviceId, event.data.organisationId, event.data.replyBy]);
        await manager.query(
          `INSERT INTO ${D}."community_referrals" (prescription_id, made_at, service_id, organisation_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [event.data.prescriptionId, event.data.at, event.data.serviceId, event.data.organisationId],
        );
        return;
      case 'CommunityReferralAccepted':
      case 'CommunityReferralDeclined':
      case 'CommunityReferralAutoDeclined': {
        const outcome = event.type === 'CommunityReferralAccepted' ? 'accepted' : event.type === 'CommunityReferralDeclined' ? 'declined' : 'auto-declined';
        // A declined referral's organisation sees nothing of the person any more: the recipient is cleared.
        if (outcome === 'accepted') await status('Accepted');
        else await status('Assessed', ', service_id = NULL, recipient_organisation_id = NULL, reply_by = NULL');
        await manager.query(
          `UPDATE ${D}."community_referrals" SET answered_at = $3, outcome = $4 WHERE prescription_id = $1 AND made_at = $2`,
          [event.data.prescriptionId, event.data.madeAt, event.data.at, outcome],
        );
        return;
      }
      case 'SocialPrescriptionWaiting':
        await status('Waiting');
        return;
      case 'SocialPrescriptionStarted':
        await status('Started');
        return;
      case 'SocialPrescriptionCompleted':
        await status('Completed');
        return;
      case 'SocialPrescriptionDroppedOut':
        await status('DroppedOut');
        return;
      case 'SocialPrescriptionSessionAttended':
      case 'SocialPrescriptionSessionMissed':
      case 'GoalProgressRecorded':
      case 'FollowUpWellbeingRecorded':
        await manager.query(`UPDATE ${D}."social_prescriptions" SET modified_at = $2 WHERE id = $1`, [d.prescriptionId, d.at]);
        return;
      default:
        return;
    }
  }
}
