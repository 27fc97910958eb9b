import {
  EpisodeNotOnTrackV1Contract,
  MeasureRecordedV1Contract,
  OutcomeFlagsComputedV1Contract,
  OutcomeFlagsComputedV2Contract,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertEscalatedV1Contract,
  RiskAlertRaisedV1Contract,
} from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { KEYS_SHREDDED_CATEGORY, mapErasureConfirmation } from '@stepwell/personal-data';
import { createIntegrationEvent, type IntegrationEvent, type IntegrationEventContext } from '@stepwell/messaging';
import {
  EPISODE_RECORD_CATEGORY,
  QUESTIONNAIRE_RESPONSE_CATEGORY,
  type EpisodeOutcomeEvent,
  type QuestionnaireResponseEvent,
} from '../domain';

/** The stream categories the relay reads, and the service's confirmations of erasures (issue 15 item 2). */
export const OUTCOMES_RELAY_CATEGORIES = [QUESTIONNAIRE_RESPONSE_CATEGORY, EPISODE_RECORD_CATEGORY, KEYS_SHREDDED_CATEGORY];

function context(event: RecordedEvent): IntegrationEventContext {
  return {
    patientSubjectId: event.metadata.patientSubjectId ?? null,
    occurredAt: event.metadata.occurredAt,
    correlationId: event.metadata.correlationId,
    causationId: event.id,
  };
}

/**
 * Maps the outcomes service's domain events to its published v1 contracts. Answers, notes and explanations stay
 * private: contracts carry ids, codes, totals and booleans. Anything else in the categories publishes nothing.
 */
export function mapOutcomesEvent(event: RecordedEvent): IntegrationEvent[] {
  if (event.streamId.startsWith(`${KEYS_SHREDDED_CATEGORY}-`)) return mapErasureConfirmation(event);
  const typed = event as unknown as (QuestionnaireResponseEvent | EpisodeOutcomeEvent) & RecordedEvent;
  switch (typed.type) {
    case 'ResponseRecorded': {
      const d = typed.data;
      return [
        createIntegrationEvent(
          MeasureRecordedV1Contract,
          {
            responseId: d.responseId,
            episodeId: d.episodeId,
            appointmentId: d.appointmentId,
            questionnaireCode: d.questionnaireCode,
            questionnaireVersion: d.questionnaireVersion,
            completedBy: d.completedBy,
            total: d.total,
            severityBand: d.severityBand,
            atCaseness: d.atCaseness,
            riskSignalled: d.riskSignals.length > 0,
            // When the measure was completed (the care contact), not when it was keyed in.
            takenAt: d.completedAt ?? d.recordedAt,
          },
          context(event),
        ),
      ];
    }
    case 'RiskAlertRaised': {
      const d = typed.data;
      return [
        createIntegrationEvent(
          RiskAlertRaisedV1Contract,
          {
            alertId: d.alertId,
            responseId: d.responseId,
            episodeId: d.episodeId,
            organisationId: d.organisationId,
            signal: d.signal,
            urgency: d.urgency,
            raisedAt: d.raisedAt,
          },
          context(event),
        ),
      ];
    }
    case 'RiskAlertAcknowledged': {
      const alert = typed.data;
      return [
        createIntegrationEvent(
          RiskAlertAcknowledgedV1Contract,
          {
            alertId: typed.data.alertId,
            episodeId: alert.episodeId,
            organisationId: alert.organisationId,
            actionTaken: typed.data.actionTaken,
            acknowledgedAt: typed.data.acknowledgedAt,
          },
          context(event),
        ),
      ];
    }
    case 'RiskAlertEscalated': {
      const alert = typed.data;
      return [
        createIntegrationEvent(
          RiskAlertEscalatedV1Contract,
          {
            alertId: typed.data.alertId,
            episodeId: alert.episodeId,
            organisationId: alert.organisationId,
            raisedAt: alert.raisedAt,
            acknowledgeWithinMinutes: typed.data.acknowledgeWithinMinutes,
            escalatedAt: typed.data.escalatedAt,
          },
          context(event),
        ),
      ];
    }
    case 'OutcomeFlagsComputed': {
      const { outcome } = typed.data;
      const flag = (name: keyof typeof outcome.flags) => outcome.flags[name].value;
      const v1 = {
        episodeId: typed.data.episodeId,
        ruleSetVersion: outcome.ruleSetVersion,
        depressionMeasure: outcome.depressionMeasure,
        anxietyMeasure: outcome.anxietyMeasure.code,
        pairedScores: outcome.pairedScores,
        finishedCourse: flag('finishedCourse'),
        casenessAtStart: flag('casenessAtStart'),
        recovery: flag('recovery'),
        reliableImprovement: flag('reliableImprovement'),
        reliableDeterioration: flag('reliableDeterioration'),
        reliableRecovery: flag('reliableRecovery'),
        noReliableChange: flag('noReliableChange'),
        computedAt: typed.data.computedAt,
      };
      // Issue 12 item 12: v2 carries the recorded version and a correction's reason; v1 (frozen) is published beside
      // it until no consumer subscribes to v1 (libs/contracts README, versioning rule).
      return [
        createIntegrationEvent(OutcomeFlagsComputedV1Contract, v1, context(event)),
        createIntegrationEvent(
          OutcomeFlagsComputedV2Contract,
          { ...v1, recordedVersion: typed.data.recordedVersion ?? null, correctionReason: typed.data.correctionReason ?? null },
          context(event),
        ),
      ];
    }
    case 'EpisodeNotOnTrack': {
      const d = typed.data;
      return [
        createIntegrationEvent(
          EpisodeNotOnTrackV1Contract,
          {
            episodeId: d.episodeId,
            ruleSetVersion: d.ruleSetVersion,
            reason: d.reason,
            attendedTreatmentSessions: d.attendedTreatmentSessions,
            detectedAt: d.detectedAt,
          },
          context(event),
        ),
      ];
    }
    case 'ProblemDescriptorRecorded':
    case 'CareCoordinatorAssigned':
      // Clinical detail of the episode, used here only.
      return [];
    default:
      return [];
  }
}
