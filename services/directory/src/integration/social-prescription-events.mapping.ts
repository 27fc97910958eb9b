import {
  SocialPrescriptionAcceptedV1Contract,
  SocialPrescriptionDeclinedV1Contract,
  SocialPrescriptionMadeV1Contract,
  SocialPrescriptionProgressedV1Contract,
  type SocialPrescriptionProgress,
  type SocialPrescriptionProgressedV1,
  WellbeingMeasureRecordedV1Contract,
  type WellbeingMeasureTiming,
} from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent, type IntegrationEvent, type IntegrationEventContext } from '@stepwell/messaging';
import { SOCIAL_PRESCRIPTION_CATEGORY, type SocialPrescriptionEvent, type WellbeingMeasure } from '../domain';

/** The stream categories whose events the directory publishes: social prescriptions (listings are public through the API). */
export const PUBLISHED_CATEGORIES = [SOCIAL_PRESCRIPTION_CATEGORY] as const;

/**
 * Maps a social prescription event to the directory v1 contracts, from the committed log (the relay): ids, codes,
 * times and the wellbeing measures' totals only. The link-worker referral publishes nothing; the what-matters-to-me
 * conversation publishes its baseline measure alone (`wellbeing-measure-recorded`, never the goals); the direct
 * referral publishes that it was made, never what it asks or the safety notes. The follow-up measure publishes both
 * the prescription's progress (code and response id) and the measure itself, so that outcomes keeps it beside the
 * person's therapy scores and referrals shows it on the journey (issue 17, the closed loop; hazard H-SP7).
 */
export function mapDirectoryEvent(recorded: RecordedEvent): IntegrationEvent[] {
  const event = recorded as unknown as SocialPrescriptionEvent;
  const ctx = context(recorded, event.data.patientSubjectId);
  switch (event.type) {
    case 'CommunityReferralMade': {
      const d = event.data;
      return [
        createIntegrationEvent(
          SocialPrescriptionMadeV1Contract,
          { prescriptionId: d.prescriptionId, linkWorkerOrganisationId: d.linkWorkerOrganisationId, serviceId: d.serviceId, communityOrganisationId: d.organisationId, source: d.source, madeAt: d.at, replyBy: d.replyBy },
          ctx,
        ),
      ];
    }
    case 'CommunityReferralAccepted': {
      const d = event.data;
      return [
        createIntegrationEvent(
          SocialPrescriptionAcceptedV1Contract,
          { prescriptionId: d.prescriptionId, linkWorkerOrganisationId: d.linkWorkerOrganisationId, serviceId: d.serviceId, communityOrganisationId: d.organisationId, acceptedAt: d.at },
          ctx,
        ),
      ];
    }
    case 'CommunityReferralDeclined':
    case 'CommunityReferralAutoDeclined': {
      const d = event.data;
      const automatic = event.type === 'CommunityReferralAutoDeclined';
      return [
        createIntegrationEvent(
          SocialPrescriptionDeclinedV1Contract,
          {
            prescriptionId: d.prescriptionId,
            linkWorkerOrganisationId: d.linkWorkerOrganisationId,
            serviceId: d.serviceId,
            communityOrganisationId: d.organisationId,
            reason: event.type === 'CommunityReferralDeclined' ? event.data.reason : 'no-reply',
            automatic,
            declinedAt: d.at,
          },
          ctx,
        ),
      ];
    }
    case 'SocialPrescriptionWaiting':
    case 'SocialPrescriptionStarted':
    case 'SocialPrescriptionSessionAttended':
    case 'SocialPrescriptionSessionMissed':
    case 'SocialPrescriptionCompleted':
    case 'SocialPrescriptionDroppedOut':
      return [progressed(event.data, ctx, STEP_PROGRESS[event.type], event.data.serviceId, event.data.at)];
    case 'GoalProgressRecorded':
      return [progressed(event.data, ctx, 'goal-progress', null, event.data.at, { goalDomain: event.data.domain, goalProgress: event.data.progress })];
    case 'FollowUpWellbeingRecorded':
      return [
        progressed(event.data, ctx, 'follow-up-measure', null, event.data.at, {
          measure: event.data.measure.measure,
          questionnaireResponseId: event.data.measure.questionnaireResponseId,
        }),
        ...measureRecorded(event.data, ctx, 'follow-up', event.data.measure, event.data.at),
      ];
    // The goals stay the directory's own; the baseline measure goes to outcomes.
    case 'WhatMattersConversationRecorded':
      return measureRecorded(event.data, ctx, 'baseline', event.data.baseline, event.data.at);
    // The person's details and the reason for referral: the directory's own.
    case 'SocialPrescriptionReferred':
      return [];
    default:
      return [];
  }
}

function context(event: RecordedEvent, patientSubjectId: string): IntegrationEventContext {
  const { metadata } = event;
  return { patientSubjectId: metadata.patientSubjectId ?? patientSubjectId, occurredAt: metadata.occurredAt, correlationId: metadata.correlationId, causationId: event.id };
}

const STEP_PROGRESS = {
  SocialPrescriptionWaiting: 'waiting',
  SocialPrescriptionStarted: 'started',
  SocialPrescriptionSessionAttended: 'attended',
  SocialPrescriptionSessionMissed: 'did-not-attend',
  SocialPrescriptionCompleted: 'completed',
  SocialPrescriptionDroppedOut: 'dropped-out',
} as const satisfies Partial<Record<SocialPrescriptionEvent['type'], SocialPrescriptionProgress>>;

function progressed(
  ids: { prescriptionId: string; linkWorkerOrganisationId: string },
  ctx: IntegrationEventContext,
  progress: SocialPrescriptionProgress,
  serviceId: string | null,
  recordedAt: string,
  extra: Pick<SocialPrescriptionProgressedV1, 'goalDomain' | 'goalProgress' | 'measure' | 'questionnaireResponseId'> = {},
): IntegrationEvent {
  return createIntegrationEvent(
    SocialPrescriptionProgressedV1Contract,
    { prescriptionId: ids.prescriptionId, linkWorkerOrganisationId: ids.linkWorkerOrganisationId, serviceId, progress, ...extra, recordedAt },
    ctx,
  );
}

/**
 * The measure's totals as the contract carries them. A measure whose person's key was shredded reads back without
 * its numbers (erasure): nothing is published for it rather than a wrong value.
 */
function measureRecorded(
  ids: { prescriptionId: string; linkWorkerOrganisationId: string },
  ctx: IntegrationEventContext,
  timing: WellbeingMeasureTiming,
  measure: WellbeingMeasure,
  recordedAt: string,
): IntegrationEvent[] {
  const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
  const base = { prescriptionId: ids.prescriptionId, linkWorkerOrganisationId: ids.linkWorkerOrganisationId, timing, takenOn: measure.takenOn, recordedAt };
  if (measure.measure === 'SWEMWBS') {
    if (!whole(measure.score)) return [];
    return [createIntegrationEvent(WellbeingMeasureRecordedV1Contract, { ...base, measure: 'SWEMWBS', total: measure.score, ons4Items: null }, ctx)];
  }
  const items = [measure.items.satisfied, measure.items.worthwhile, measure.items.happy, measure.items.anxious];
  if (!items.every(whole)) return [];
  return [createIntegrationEvent(WellbeingMeasureRecordedV1Contract, { ...base, measure: 'ONS4', total: null, ons4Items: items }, ctx)];
}
