import { EpisodeDischargedV1Contract, EpisodeOpenedV1Contract, EpisodePausedV1Contract, EpisodeResumedV1Contract, EpisodeStepChangedV1Contract, ODS_CODE, type OrganisationRecordedV1, OrganisationRecordedV1Contract, PatientIdentityVerifiedV1Contract, ReferralAcceptedV1Contract, ReferralDeclinedV1Contract, ReferralMergedV1Contract, ReferralReceivedV1Contract, ReferralReceivedV2Contract, type ReferralReceivedV2, ReferralReferredOnV1Contract, ReferralReturnedV1Contract, ReferralSignpostedV1Contract, ReferralWithdrawnV1Contract, UrgentTriageNeededV1Contract, PatientErasureDecidedV1Contract, NationalDataOptOutChangedV1Contract, SharingConsentChangedV1Contract } from '@stepwell/contracts';
import { CareThreadFlaggedV1Contract, CareThreadOpenedV1Contract, CareThreadOverdueV1Contract, CareThreadResolvedV1Contract } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent, type IntegrationEvent, type IntegrationEventContext } from '@stepwell/messaging';
import type {
  EpisodeDischarged,
  EpisodeStepChanged,
  WaitingClockPaused,
  WaitingClockPauseEnded,
} from '../domain/care-episode';
import type {
  IncompleteReferralReceived,
  PatientIdentityVerified,
  ReferralAccepted,
  ReferralCompleted,
  ReferralDeclined,
  ReferralEvent,
  ReferralMerged,
  ReferralReceived,
  ReferralReferredOn,
  ReferralReturnedWithAdvice,
  ReferralSignposted,
  ReferralWithdrawn,
  UrgentTriageNeeded,
} from '../domain/referral.decider';
import { EPISODE_CATEGORY } from './episode-commands';
import { riskAnswersGiven } from '../domain/referral-completeness';
import { publishedSourceOf } from '../domain/referral.vocabulary';
import { ERASURE_CATEGORY, type PatientErasureDecided } from '../domain/patient-erasure/patient-erasure.decider';
import { type NationalDataOptOutChanged, OPT_OUT_CATEGORY } from '../domain/national-data-opt-out/national-data-opt-out.decider';
import { CONSENTS_CATEGORY, type SharingConsentGiven } from '../domain/consents/consents.decider';
import { CARE_THREAD_CATEGORY, type CareThreadEvent } from '../domain/care-threads/care-thread.decider';

/** The stream category of referrals: streams are `referral-<id>` (see `referralStreamId`). */
export const REFERRAL_CATEGORY = 'referral';
/**
 * Every category the relay reads. The patient index (`patient-*`, demographics) is never among them; erasures
 * (`erasure-*`) are, with ids and a code only, national data opt-out changes (`opt-out-*`), a yes/no, and consents
 * (`consents-*`: only consent to share is published).
 */
export const RELAYED_CATEGORIES = [REFERRAL_CATEGORY, EPISODE_CATEGORY, 'organisation', ERASURE_CATEGORY, OPT_OUT_CATEGORY, CARE_THREAD_CATEGORY, CONSENTS_CATEGORY] as const;


/**
 * Maps one of the referral decider's events to the integration events it publishes (v1 contracts). Clinical
 * free text (reason, notes, advice, decline text, signposted service names) never leaves: contracts carry codes
 * and ids. Anything else in the category publishes nothing.
 */
export function mapReferralEvent(event: RecordedEvent): IntegrationEvent[] {
  const type = event.type as ReferralEvent['type'];
  const ctx = context(event);
  switch (type) {
    case 'ReferralReceived':
      return [referralReceived(event, event.data as ReferralReceived['data'])];
    case 'IncompleteReferralReceived': {
      // v2 only: v1 promises a whole referral (issue 12 item 9).
      const d = event.data as IncompleteReferralReceived['data'];
      return [referralReceivedV2(event, d, { missingFields: [...d.missingFields], urgentTriageReasons: riskAnswersGiven(d.urgency, d.riskIndicators), completedAt: null })];
    }
    case 'ReferralCompleted': {
      // Whole now: v2 says it was completed, and v1 consumers see the referral for the first time.
      const d = event.data as ReferralCompleted['data'];
      return [referralReceivedV2(event, d, { missingFields: [], urgentTriageReasons: [...d.urgentTriageReasons], completedAt: d.completedAt }), referralReceived(event, d)];
    }
    case 'UrgentTriageNeeded': {
      const d = event.data as UrgentTriageNeeded['data'];
      // Raised for an incomplete referral that gave no urgency: v1 needs one, so it is published once the
      // completion names it (the v2 referral-received carries the reasons meanwhile).
      if (d.urgency === null) return [];
      return [
        createIntegrationEvent(
          UrgentTriageNeededV1Contract,
          { referralId: d.referralId, receivingOrganisationId: d.receivingOrganisation, urgency: d.urgency, reasons: d.reasons, raisedAt: d.raisedAt },
          ctx,
        ),
      ];
    }
    case 'ReferralWithdrawn': {
      const d = event.data as ReferralWithdrawn['data'];
      return [createIntegrationEvent(ReferralWithdrawnV1Contract, { referralId: d.referralId, reason: d.reason, withdrawnAt: d.withdrawnAt }, ctx)];
    }
    case 'ReferralAccepted': {
      const d = event.data as ReferralAccepted['data'];
      // Acceptance is the decision that opens the episode: both facts are published from it, in this order.
      return [
        createIntegrationEvent(
          ReferralAcceptedV1Contract,
          {
            referralId: d.referralId,
            episodeId: d.episodeId,
            step: d.step,
            providingOrganisationId: d.providingOrganisationId,
            receivingOrganisationId: d.receivingOrganisation,
            urgency: d.urgency,
            referredAt: d.referredAt,
            acceptedAt: d.decidedAt,
          },
          ctx,
        ),
        createIntegrationEvent(
          EpisodeOpenedV1Contract,
          {
            episodeId: d.episodeId,
            referralId: d.referralId,
            step: d.step,
            providingOrganisationId: d.providingOrganisationId,
            urgency: d.urgency,
            referredAt: d.referredAt,
            openedAt: d.decidedAt,
          },
          ctx,
        ),
      ];
    }
    case 'ReferralMerged': {
      const d = event.data as ReferralMerged['data'];
      return [createIntegrationEvent(ReferralMergedV1Contract, { referralId: d.referralId, mergedIntoReferralId: d.mergedIntoReferralId, decidedAt: d.decidedAt }, ctx)];
    }
    case 'ReferralSignposted': {
      const d = event.data as ReferralSignposted['data'];
      return [
        createIntegrationEvent(
          ReferralSignpostedV1Contract,
          { referralId: d.referralId, receivingOrganisationId: d.receivingOrganisation, directoryServiceId: d.directoryServiceId, decidedAt: d.decidedAt },
          ctx,
        ),
      ];
    }
    case 'ReferralReturnedWithAdvice': {
      const d = event.data as ReferralReturnedWithAdvice['data'];
      return [
        createIntegrationEvent(
          ReferralReturnedV1Contract,
          { referralId: d.referralId, receivingOrganisationId: d.receivingOrganisation, referrerOrganisationId: d.referrerOrganisation, decidedAt: d.decidedAt },
          ctx,
        ),
      ];
    }
    case 'ReferralReferredOn': {
      const d = event.data as ReferralReferredOn['data'];
      return [
        createIntegrationEvent(
          ReferralReferredOnV1Contract,
          { referralId: d.referralId, destination: d.destination, destinationOrganisationId: d.destinationOrganisationId, decidedAt: d.decidedAt },
          ctx,
        ),
      ];
    }
    case 'ReferralDeclined': {
      const d = event.data as ReferralDeclined['data'];
      return [createIntegrationEvent(ReferralDeclinedV1Contract, { referralId: d.referralId, reason: d.reason, decidedAt: d.decidedAt }, ctx)];
    }
    case 'PatientIdentityVerified': {
      const d = event.data as PatientIdentityVerified['data'];
      // Every service holding relationships resting on this referral counts them in full from now on (H-A1).
      return [
        createIntegrationEvent(
          PatientIdentityVerifiedV1Contract,
          { referralId: d.referralId, episodeId: d.episodeId, method: d.method, verifiedByOrganisationId: d.verifiedByOrganisation, verifiedAt: d.verifiedAt },
          ctx,
        ),
      ];
    }
    // The acknowledgement goes to the person (text or email), not to other services.
    case 'SelfReferralAcknowledgementRequested':
    case 'ReferralAcknowledgementRequested':
      return [];
    default:
      return [];
  }
}

/** Maps one care-episode event. The opening is published from the acceptance (see above), not from here. */
export function mapEpisodeEvent(event: RecordedEvent): IntegrationEvent[] {
  const ctx = context(event);
  switch (event.type) {
    case 'EpisodeStepChanged': {
      const d = event.data as EpisodeStepChanged['data'];
      return [
        createIntegrationEvent(
          EpisodeStepChangedV1Contract,
          {
            episodeId: d.episodeId,
            fromStep: d.fromStep,
            toStep: d.toStep,
            fromOrganisationId: d.fromOrganisationId,
            toOrganisationId: d.toOrganisationId,
            direction: d.direction,
            changedAt: d.at,
          },
          ctx,
        ),
      ];
    }
    case 'WaitingClockPaused': {
      const d = event.data as WaitingClockPaused['data'];
      return [createIntegrationEvent(EpisodePausedV1Contract, { episodeId: d.episodeId, pauseId: d.pauseId, pausedAt: d.at }, ctx)];
    }
    case 'WaitingClockPauseEnded': {
      const d = event.data as WaitingClockPauseEnded['data'];
      return [createIntegrationEvent(EpisodeResumedV1Contract, { episodeId: d.episodeId, pauseId: d.pauseId, resumedAt: d.at }, ctx)];
    }
    case 'EpisodeDischarged': {
      const d = event.data as EpisodeDischarged['data'];
      return [
        createIntegrationEvent(
          EpisodeDischargedV1Contract,
          { episodeId: d.episodeId, reason: d.reason, providingOrganisationId: d.organisationId, dischargedAt: d.at },
          ctx,
        ),
      ];
    }
    default:
      return [];
  }
}

/** The relay's mapping: by the stream's category. */
export function mapReferralsEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.streamId?.startsWith('organisation-')) return mapOrganisationEvent(event);
  if (event.streamId?.startsWith(`${ERASURE_CATEGORY}-`)) return mapErasureEvent(event);
  if (event.streamId?.startsWith(`${OPT_OUT_CATEGORY}-`)) return mapOptOutEvent(event);
  if (event.streamId?.startsWith(`${CONSENTS_CATEGORY}-`)) return mapConsentEvent(event);
  if (event.streamId?.startsWith(`${CARE_THREAD_CATEGORY}-`)) return mapCareThreadEvent(event);
  if (event.streamId?.startsWith(`${EPISODE_CATEGORY}-`) || event.type.startsWith('Episode') || event.type.startsWith('WaitingClock')) {
    return mapEpisodeEvent(event);
  }
  return mapReferralEvent(event);
}

/** The organisation registry: published so other services know the organisations too (no patient data). */
function mapOrganisationEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== 'OrganisationRecorded') return [];
  const d = event.data as OrganisationRecordedV1;
  return [
    createIntegrationEvent(
      OrganisationRecordedV1Contract,
      { code: d.code, name: d.name, organisationType: d.organisationType, change: d.change, recordedAt: d.recordedAt },
      context(event),
    ),
  ];
}

/**
 * An erasure decision, so that every service with a key store shreds the person's keys too: ids, the lawful basis
 * code, who and when. Never the reason text. This service's own confirmation is not published.
 */
function mapErasureEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== 'PatientErasureDecided') return [];
  const d = event.data as PatientErasureDecided['data'];
  return [
    createIntegrationEvent(
      PatientErasureDecidedV1Contract,
      { erasureId: d.erasureId, patientSubjectIds: d.patientSubjectIds, lawfulBasis: d.lawfulBasis, decidedByOrganisationId: d.decidedByOrganisation, decidedAt: d.decidedAt },
      context(event),
    ),
  ];
}

/** A national data opt-out change: the person (envelope), yes/no, where it came from, when. */
function mapOptOutEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== 'NationalDataOptOutChanged') return [];
  const d = event.data as NationalDataOptOutChanged['data'];
  return [createIntegrationEvent(NationalDataOptOutChangedV1Contract, { optedOut: d.optedOut, source: d.source, changedAt: d.changedAt }, context(event))];
}

/**
 * Gap watch (issue 18): the care-seeking thread's life — opened, flagged, overdue, resolved. Ids, organisation codes,
 * outcome and reason codes and dates only: never the advice or decline text (it stays sealed in the referral stream).
 * A thread nobody holds (a self-referral without a registered GP practice) publishes no flag: the v1 flag names the
 * referring organisation whose worklist the offer goes to.
 */
export function mapCareThreadEvent(event: RecordedEvent): IntegrationEvent[] {
  const e = { type: event.type, data: event.data } as CareThreadEvent;
  const ctx = context(event);
  switch (e.type) {
    case 'CareThreadOpened': {
      const d = e.data;
      return [
        createIntegrationEvent(
          CareThreadOpenedV1Contract,
          { threadId: d.threadId, referringOrganisationId: d.referringOrganisationId, refusingOrganisationId: d.refusingOrganisationId, outcome: d.outcome, riskIndicated: d.riskIndicated, openedAt: d.openedAt },
          ctx,
        ),
      ];
    }
    // Each further refusal is published as the referral's own triage contract already.
    case 'CareThreadRefusalRecorded':
      return [];
    case 'CareThreadFlagged': {
      const d = e.data;
      if (d.referringOrganisationId === null) return [];
      return [
        createIntegrationEvent(
          CareThreadFlaggedV1Contract,
          { threadId: d.threadId, referringOrganisationId: d.referringOrganisationId, refusingOrganisationIds: [...d.refusingOrganisationIds], refusalCount: d.refusalCount, riskIndicated: d.riskIndicated, flaggedAt: d.flaggedAt },
          ctx,
        ),
      ];
    }
    case 'CareThreadOverdue': {
      const d = e.data;
      return [
        createIntegrationEvent(
          CareThreadOverdueV1Contract,
          { threadId: d.threadId, referringOrganisationId: d.referringOrganisationId, overdueAfterDays: d.overdueAfterDays, riskIndicated: d.riskIndicated, openedAt: d.openedAt, dueAt: d.dueAt, detectedAt: d.detectedAt },
          ctx,
        ),
      ];
    }
    case 'CareThreadResolved': {
      const d = e.data;
      return [
        createIntegrationEvent(
          CareThreadResolvedV1Contract,
          {
            threadId: d.threadId,
            referringOrganisationId: d.referringOrganisationId,
            how: d.how,
            // v1's vocabulary is frozen: an MDT's acceptance is the consultations service's (hazard H-MF1).
            acceptanceSource: d.acceptance ? (d.acceptance.source === 'mdt-case-accepted' ? 'consultation-accepted' : d.acceptance.source) : null,
            acceptingOrganisationId: d.acceptance?.acceptingOrganisationId ?? null,
            closeReason: d.closeReason,
            daysOpen: Math.max(0, Math.floor((Date.parse(d.resolvedAt) - Date.parse(d.openedAt)) / 86_400_000)),
            resolvedAt: d.resolvedAt,
          },
          ctx,
        ),
      ];
    }
    default:
      return [];
  }
}

function context(event: RecordedEvent): IntegrationEventContext {
  const { metadata } = event;
  return {
    patientSubjectId: metadata.patientSubjectId ?? null,
    occurredAt: metadata.occurredAt,
    correlationId: metadata.correlationId,
    // What caused the integration event is the domain event it was published from.
    causationId: event.id,
  };
}

type ReceivedFacts = Pick<ReferralReceived['data'], 'referralId' | 'source' | 'receivingOrganisation' | 'referrerOrganisation' | 'receivedAt'> & {
  urgency: ReferralReceived['data']['urgency'] | null;
};

function referralReceived(event: RecordedEvent, data: ReceivedFacts & Pick<ReferralReceived['data'], 'urgency'>): IntegrationEvent {
  return createIntegrationEvent(
    ReferralReceivedV1Contract,
    {
      referralId: data.referralId,
      // A consultation's referral travels as a health professional's (the published vocabulary is frozen, H-CB1).
      source: publishedSourceOf(data.source),
      urgency: data.urgency,
      receivingOrganisationId: data.receivingOrganisation,
      referrerOrganisationId: referrerOrganisation(event, data),
      receivedAt: data.receivedAt,
    },
    context(event),
  );
}

/** `referral-received` v2: the receipt facts plus completeness (incomplete while answers are missing). */
function referralReceivedV2(
  event: RecordedEvent,
  data: ReceivedFacts,
  completeness: Pick<ReferralReceivedV2, 'missingFields' | 'urgentTriageReasons' | 'completedAt'>,
): IntegrationEvent {
  return createIntegrationEvent(
    ReferralReceivedV2Contract,
    {
      referralId: data.referralId,
      // A consultation's referral travels as a health professional's (the published vocabulary is frozen, H-CB1).
      source: publishedSourceOf(data.source),
      urgency: data.urgency,
      receivingOrganisationId: data.receivingOrganisation,
      referrerOrganisationId: referrerOrganisation(event, data),
      receivedAt: data.receivedAt,
      completeness: completeness.missingFields.length > 0 ? 'incomplete' : 'complete',
      ...completeness,
    },
    context(event),
  );
}

/**
 * The referring organisation the referral recorded; for referrals recorded before it did, the verified actor's
 * organisation when they acted as `referrer`. A self-referral has none.
 */
function referrerOrganisation(event: RecordedEvent, data: Pick<ReferralReceived['data'], 'source' | 'referrerOrganisation'>): string | null {
  if (data.source === 'self') return null;
  if (typeof data.referrerOrganisation === 'string' && ODS_CODE.test(data.referrerOrganisation)) return data.referrerOrganisation;
  if (data.referrerOrganisation === null) return null;
  const actor = event.metadata.actor;
  return actor.role === 'referrer' && ODS_CODE.test(actor.organisationId) ? actor.organisationId : null;
}

/**
 * A change of consent to share with an organisation or type (issue 15 item 5): the person (envelope), the party, a
 * yes/no, the source and the time — every relationship projection follows it. Contact consent is not published:
 * only this service sends messages to the person.
 */
function mapConsentEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== 'SharingConsentGiven' && event.type !== 'SharingConsentWithdrawn') return [];
  const d = event.data as SharingConsentGiven['data'];
  return [
    createIntegrationEvent(
      SharingConsentChangedV1Contract,
      { organisationId: d.organisationId, organisationType: d.organisationType, consented: event.type === 'SharingConsentGiven', source: d.source, changedAt: d.changedAt },
      context(event),
    ),
  ];
}
