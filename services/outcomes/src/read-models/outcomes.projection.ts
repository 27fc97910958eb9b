import { quotedSchema } from '@stepwell/read-models';
import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { EntityManager } from 'typeorm';
import type { EpisodeOutcomeEvent, QuestionnaireResponseEvent } from '../domain';

/** Durable name of the projection (its checkpoint row and its subscription over this service's own log). */
export const OUTCOMES_PROJECTION = 'outcomes.read-models';
export const OUTCOMES_PROJECTION_VERSION = 1;

type ProjectedEvent = QuestionnaireResponseEvent | EpisodeOutcomeEvent;

/** Emptied by a rebuild. `episode_outcome` is not: `npm run outcomes:recompute` writes rows of other rule sets there; replayed outcomes re-apply under their `computed_at` guard. */
const OWN_TABLES = ['measure_score', 'risk_alert'];

/**
 * Keeps the outcomes read models (scores, risk alerts, outcomes per rule set, problem descriptors and care
 * coordinators of episodes) from the service's own event log, run by the platform's ProjectionRunner: rows and
 * checkpoint commit together. No side effects: the outcome evaluation a new score or problem descriptor may call
 * for is OutcomeEvaluationReactor's.
 */
@Injectable()
export class OutcomesProjection implements Projection {
  readonly name = OUTCOMES_PROJECTION;
  readonly version = OUTCOMES_PROJECTION_VERSION;
  readonly handles = {
    types: [
      'ResponseRecorded',
      'RiskAlertRaised',
      'RiskAlertAcknowledged',
      'RiskAlertEscalated',
      'OutcomeFlagsComputed',
      'ProblemDescriptorRecorded',
      'CareCoordinatorAssigned',
    ] satisfies ProjectedEvent['type'][],
  };

  /**
   * DELETE, not TRUNCATE: readers go on seeing the old rows until the rebuild commits. Episode rows come from the
   * episode consumer (integration events) as well: only the columns this projection writes are cleared.
   */
  async reset(manager: EntityManager): Promise<void> {
    const s = quotedSchema(manager.connection);
    for (const table of OWN_TABLES) await manager.query(`DELETE FROM ${s}."${table}"`);
    await manager.query(`UPDATE ${s}."episode" SET problem_anxiety_disorder = NULL, problem_icd10_code = NULL, care_coordinator_id = NULL`);
  }

  async apply(manager: EntityManager, recorded: RecordedEvent): Promise<void> {
    const s = quotedSchema(manager.connection);
    const event = recorded as unknown as ProjectedEvent & RecordedEvent;
    const position = recorded.globalPosition;
    switch (event.type) {
      case 'ResponseRecorded': {
        const d = event.data;
        await manager.query(
          `INSERT INTO ${s}."measure_score" (response_id, patient_subject_id, episode_id, appointment_id, code, version,
             completed_by, total, severity_band, at_caseness, risk_signalled, taken_at, position,
             recorded_at, converted_score, converted_label, late_entry, complete)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) ON CONFLICT (response_id) DO NOTHING`,
          // taken_at is when the measure was completed (first and last are judged by it), not when it was keyed in.
          [d.responseId, d.patientSubjectId, d.episodeId, d.appointmentId, d.questionnaireCode, d.questionnaireVersion,
            d.completedBy, d.total, d.severityBand, d.atCaseness, d.riskSignals.length > 0, d.completedAt ?? d.recordedAt, position,
            d.recordedAt, d.convertedScore?.value ?? null, d.convertedScore?.label ?? null, d.lateEntryAfterDischarge !== undefined,
            d.complete ?? true],
        );
        return;
      }
      case 'RiskAlertRaised': {
        const d = event.data;
        await manager.query(
          `INSERT INTO ${s}."risk_alert" (alert_id, response_id, patient_subject_id, episode_id, organisation_id, signal,
             urgency, status, raised_at, position, named_clinician_id, named_clinician_source)
           VALUES ($1,$2,$3,$4,$5,$6,$7,'open',$8,$9,$10,$11) ON CONFLICT (alert_id) DO NOTHING`,
          [d.alertId, d.responseId, d.patientSubjectId, d.episodeId, d.organisationId, d.signal, d.urgency, d.raisedAt, position,
            d.namedClinician?.id ?? null, d.namedClinician?.source ?? null],
        );
        return;
      }
      case 'RiskAlertAcknowledged': {
        const d = event.data;
        await manager.query(
          `UPDATE ${s}."risk_alert" SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
             action_taken = $4, position = $5 WHERE alert_id = $1 AND position < $5`,
          [d.alertId, d.acknowledgedAt, recorded.metadata.actor.userId, d.actionTaken, position],
        );
        return;
      }
      case 'RiskAlertEscalated': {
        const d = event.data;
        await manager.query(
          `UPDATE ${s}."risk_alert" SET escalated_at = $2, escalated_to = $4, position = $3 WHERE alert_id = $1 AND position < $3`,
          [d.alertId, d.escalatedAt, position, d.escalatedTo ?? 'duty-clinician'],
        );
        return;
      }
      case 'OutcomeFlagsComputed': {
        const d = event.data;
        await manager.query(
          `INSERT INTO ${s}."episode_outcome" (episode_id, rule_set_version, patient_subject_id, outcome, computed_at,
             recorded_version, correction_reason)
           VALUES ($1,$2,$3,$4,$5,$6,$7)
           ON CONFLICT (episode_id, rule_set_version) DO UPDATE SET outcome = EXCLUDED.outcome, computed_at = EXCLUDED.computed_at,
             recorded_version = EXCLUDED.recorded_version, correction_reason = EXCLUDED.correction_reason
           WHERE ${s}."episode_outcome".computed_at <= EXCLUDED.computed_at`,
          [d.episodeId, d.outcome.ruleSetVersion, d.patientSubjectId, JSON.stringify(d.outcome), d.computedAt,
            d.recordedVersion ?? null, d.correctionReason ?? null],
        );
        return;
      }
      case 'ProblemDescriptorRecorded': {
        const d = event.data;
        // The episode row may not exist yet (its opening event still on its way): create it, keep the rest unknown.
        await manager.query(
          `INSERT INTO ${s}."episode" (episode_id, patient_subject_id, status, problem_anxiety_disorder, problem_icd10_code)
           VALUES ($1,$2,'open',$3,$4)
           ON CONFLICT (episode_id) DO UPDATE SET problem_anxiety_disorder = EXCLUDED.problem_anxiety_disorder,
             problem_icd10_code = EXCLUDED.problem_icd10_code`,
          [d.episodeId, d.patientSubjectId, d.anxietyDisorder, d.icd10Code],
        );
        return;
      }
      case 'CareCoordinatorAssigned': {
        const d = event.data;
        await manager.query(
          `INSERT INTO ${s}."episode" (episode_id, patient_subject_id, status, care_coordinator_id) VALUES ($1,$2,'open',$3)
           ON CONFLICT (episode_id) DO UPDATE SET care_coordinator_id = EXCLUDED.care_coordinator_id`,
          [d.episodeId, d.patientSubjectId, d.careCoordinatorId],
        );
        return;
      }
      case 'EpisodeNotOnTrack':
        return;
      default:
        // Other categories (the access trail) share the log: nothing to project.
        return;
    }
  }
}
