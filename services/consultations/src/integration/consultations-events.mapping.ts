import {
  ConsultationAnsweredV1Contract,
  ConsultationReferralRequestedV1Contract,
  ConsultationReferralRequestedV2Contract,
  ConsultationRequestedV1Contract,
  ConsultationStepChangeProposedV1Contract,
  MdtCaseDiscussedV1Contract,
  MdtReferralRequestedV1Contract,
  MdtStepChangeProposedV1Contract,
} from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { createIntegrationEvent, type IntegrationEvent, type IntegrationEventContext } from '@stepwell/messaging';
import { KEYS_SHREDDED_CATEGORY, mapErasureConfirmation } from '@stepwell/personal-data';
import { CONSULTATION_CATEGORY, MDT_CATEGORY, patientOfMetadata, type ConsultationAnswered, type ConsultationEvent, type ConsultationRequested, type MdtCaseDiscussed } from '../domain';

/**
 * The stream categories whose events the consultations service publishes (offerings publish nothing; of an MDT
 * meeting only a decision that refers or proposes a step change), and its confirmations of erasures (issue 15 item 2).
 */
export const PUBLISHED_CATEGORIES = [CONSULTATION_CATEGORY, MDT_CATEGORY, KEYS_SHREDDED_CATEGORY] as const;

function context(event: RecordedEvent): IntegrationEventContext {
  const { metadata } = event;
  return {
    // Anonymous cases carry no subject id (their events name only the case's own data key): the envelope's is null.
    patientSubjectId: patientOfMetadata(metadata.patientSubjectId),
    occurredAt: metadata.occurredAt,
    correlationId: metadata.correlationId,
    causationId: event.id,
  };
}

/**
 * Maps a consultation's events to the consultations v1 contracts: ids and codes only — the question, context,
 * formulation, advice, thread and rating stay in this service. An answer whose outcome means a referral (of an
 * identified patient) also asks the referrals service to create it; a step-change outcome proposes it to the
 * episode's provider. Everything else is the consultation's own business and publishes nothing.
 */
export function mapConsultationsEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.streamId.startsWith(`${KEYS_SHREDDED_CATEGORY}-`)) return mapErasureConfirmation(event);
  if (event.streamId.startsWith(`${MDT_CATEGORY}-`)) return mapMdtEvent(event);
  const type = event.type as ConsultationEvent['type'];
  switch (type) {
    case 'ConsultationRequested': {
      const r = event.data as ConsultationRequested['data'];
      return [
        createIntegrationEvent(
          ConsultationRequestedV1Contract,
          {
            consultationId: r.consultationId,
            requestingOrganisationId: r.requestingOrganisationId,
            consultationServiceId: r.consultationServiceId,
            urgency: r.urgency,
            patientIdentified: r.subject.kind === 'identified',
            requestedAt: r.requestedAt,
          },
          context(event),
        ),
      ];
    }
    case 'ConsultationAnswered': {
      const a = event.data as ConsultationAnswered['data'];
      const published: IntegrationEvent[] = [
        createIntegrationEvent(
          ConsultationAnsweredV1Contract,
          { consultationId: a.consultationId, requestingOrganisationId: a.requestingOrganisationId, consultationServiceId: a.consultationServiceId, outcome: a.outcome, answeredAt: a.at },
          context(event),
        ),
      ];
      if (a.referral && patientOfMetadata(event.metadata.patientSubjectId)) {
        published.push(
          createIntegrationEvent(
            ConsultationReferralRequestedV1Contract,
            {
              referralRequestId: a.referral.referralRequestId,
              consultationId: a.consultationId,
              referringOrganisationId: a.requestingOrganisationId,
              receivingOrganisationId: a.referral.receivingOrganisationId,
              targetStep: a.referral.targetStep,
              urgency: a.referral.urgency,
              outcome: a.outcome,
              requestedAt: a.at,
            },
            context(event),
          ),
        );
        // v2 beside v1 (libs/contracts versioning rule) when the specialist gave what the referral intake needs
        // (hazard H-CB1): the referrals service creates the referral from it. Answers recorded before v2 lack them.
        const { riskIndicators, presentingProblems, consent } = a.referral;
        if (riskIndicators && presentingProblems && consent) {
          published.push(
            createIntegrationEvent(
              ConsultationReferralRequestedV2Contract,
              {
                referralRequestId: a.referral.referralRequestId,
                consultationId: a.consultationId,
                referringOrganisationId: a.requestingOrganisationId,
                consultationServiceId: a.consultationServiceId,
                receivingOrganisationId: a.referral.receivingOrganisationId,
                targetStep: a.referral.targetStep,
                urgency: a.referral.urgency,
                outcome: a.outcome,
                riskIndicators: { selfHarm: riskIndicators.selfHarm, suicidalThoughts: riskIndicators.suicidalThoughts, harmToOthers: riskIndicators.harmToOthers },
                presentingProblems: [...presentingProblems],
                consent: { personConsented: true, obtainedBy: consent.obtainedBy, obtainedAt: consent.obtainedAt },
                requestedAt: a.at,
              },
              context(event),
            ),
          );
        }
      }
      if (a.stepChange && patientOfMetadata(event.metadata.patientSubjectId)) {
        published.push(
          createIntegrationEvent(
            ConsultationStepChangeProposedV1Contract,
            {
              proposalId: a.stepChange.proposalId,
              consultationId: a.consultationId,
              episodeId: a.stepChange.episodeId,
              providingOrganisationId: a.stepChange.providingOrganisationId,
              proposedStep: a.stepChange.proposedStep,
              proposedAt: a.at,
            },
            context(event),
          ),
        );
      }
      return published;
    }
    case 'ConsultationAccepted':
    case 'ConsultationAssigned':
    case 'ConsultationInformationRequested':
    case 'ConsultationInformationProvided':
    case 'ConsultationClosed':
    case 'ConsultationRedirected':
    case 'ConsultationDeclined':
    case 'ConsultationMessagePosted':
    case 'ConsultationAdviceRated':
    case 'ConsultationCallBooked':
    case 'ConsultationResponseBreached':
      return [];
    default:
      return [];
  }
}

/**
 * An MDT meeting's events (issue 16 item 6): a case's discussion about the identified person is published as a
 * consultation's answer is — always `consultations.mdt-case-discussed` (the coded decision: referrals counts the case
 * as a contact, H-RT2, and a `direct-psychological-therapy` decision as care accepted, H-MF1), and besides it a
 * referral (`consultations.mdt-referral-requested`) or a step change (`consultations.mdt-step-change-proposed`) the
 * decision asks for, naming the meeting and case. Ids, codes, booleans and times only: the question, summary and
 * actions stay sealed here. The meeting, its agenda and actions, an anonymous case, and decisions recorded before the
 * host and presenting organisation were (absent) publish nothing.
 */
function mapMdtEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== 'MdtCaseDiscussed') return [];
  const d = event.data as MdtCaseDiscussed['data'];
  if (!patientOfMetadata(event.metadata.patientSubjectId) || !d.hostOrganisationId || !d.presentingOrganisationId) return [];
  const published: IntegrationEvent[] = [
    createIntegrationEvent(
      MdtCaseDiscussedV1Contract,
      { meetingId: d.meetingId, caseId: d.caseId, hostOrganisationId: d.hostOrganisationId, presentingOrganisationId: d.presentingOrganisationId, decision: d.decision, discussedAt: d.recordedAt },
      context(event),
    ),
  ];
  if (d.referral) {
    const { consent } = d.referral;
    published.push(
      createIntegrationEvent(
        MdtReferralRequestedV1Contract,
        {
          referralRequestId: d.referral.referralRequestId,
          meetingId: d.meetingId,
          caseId: d.caseId,
          hostOrganisationId: d.hostOrganisationId,
          presentingOrganisationId: d.presentingOrganisationId,
          receivingOrganisationId: d.referral.receivingOrganisationId,
          targetStep: d.referral.targetStep,
          urgency: d.referral.urgency,
          decision: d.decision,
          riskIndicators: { selfHarm: d.referral.riskIndicators.selfHarm, suicidalThoughts: d.referral.riskIndicators.suicidalThoughts, harmToOthers: d.referral.riskIndicators.harmToOthers },
          presentingProblems: [...d.referral.presentingProblems],
          consent: consent.personConsented ? { personConsented: true, obtainedBy: consent.obtainedBy, obtainedAt: consent.obtainedAt } : null,
          consentNotNeededBecause: consent.personConsented ? null : consent.notNeededBecause,
          requestedAt: d.recordedAt,
        },
        context(event),
      ),
    );
  }
  if (d.stepChange) {
    published.push(
      createIntegrationEvent(
        MdtStepChangeProposedV1Contract,
        {
          proposalId: d.stepChange.proposalId,
          meetingId: d.meetingId,
          caseId: d.caseId,
          hostOrganisationId: d.hostOrganisationId,
          presentingOrganisationId: d.presentingOrganisationId,
          episodeId: d.stepChange.episodeId,
          providingOrganisationId: d.stepChange.providingOrganisationId,
          proposedStep: d.stepChange.proposedStep,
          proposedAt: d.recordedAt,
        },
        context(event),
      ),
    );
  }
  return published;
}
