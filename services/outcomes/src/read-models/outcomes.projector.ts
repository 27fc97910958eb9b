import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@stepwell/event-store';
import { DataSource } from 'typeorm';
import type { EpisodeOutcomeEvent, QuestionnaireResponseEvent } from '../domain';
import { EpisodeOutcomeEvaluator } from '../episode-outcomes/episode-outcome.evaluator';
import { EpisodeLookup } from '../shared/episode.lookup';
import { quotedSchemaOf } from './outcomes-schema';

/** Scores that enter the outcome rules: a new one may make an episode "not on track". */
const OUTCOME_MEASURES = new Set(['PHQ-9', 'GAD-7']);

/** Durable name of the projection's catch-up subscription over this service's own log. */
export const OUTCOMES_PROJECTION = 'outcomes.read-models.v1';

type ProjectedEvent = QuestionnaireResponseEvent | EpisodeOutcomeEvent;

/**
 * Keeps the outcomes read models (scores, risk alerts, outcomes per rule set) from the service's own event log,
 * through a catch-up subscription whose checkpoint moves only after the rows are written. Every write is an
 * upsert keyed by the event's ids with a position guard, so a replayed event changes nothing.
 */
@Injectable()
export class OutcomesProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutcomesProjector.name);
  private subscription: Subscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly episodes: EpisodeLookup,
    private readonly evaluator: EpisodeOutcomeEvaluator,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.store.subscribe({
      subscriptionId: OUTCOMES_PROJECTION,
      source: { kind: 'all' },
      handle: (event) => this.apply(event),
      onError: (error) => this.logger.error(`outcomes projection stopped: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Resolves once every event up to `position` is in the read models (tests and read-your-writes wait on it). */
  async waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (!this.subscription) throw new Error('the outcomes projection has not started');
    await this.subscription.waitForCheckpoint(position, timeoutMs);
  }

  async apply(recorded: RecordedEvent): Promise<void> {
    const s = quotedSchemaOf(this.dataSource);
    const event = recorded as unknown as ProjectedEvent & RecordedEvent;
    const position = recorded.globalPosition;
    switch (event.type) {
      case 'ResponseRecorded': {
        const d = event.data;
        await this.dataSource.query(
          `INSERT INTO ${s}."measure_score" (response_id, patient_subject_id, episode_id, appointment_id, code, version,
             completed_by, total, severity_band, at_caseness, risk_signalled, taken_at, position,
             recorded_at, converted_score, converted_label, late_entry)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17) ON CONFLICT (response_id) DO NOTHING`,
          // taken_at is when the measure was completed (first and last are judged by it), not when it was keyed in.
          [d.responseId, d.patientSubjectId, d.episodeId, d.appointmentId, d.questionnaireCode, d.questionnaireVersion,
            d.completedBy, d.total, d.severityBand, d.atCaseness, d.riskSignals.length > 0, d.completedAt ?? d.recordedAt, position,
            d.recordedAt, d.convertedScore?.value ?? null, d.convertedScore?.label ?? null, d.lateEntryAfterDischarge !== undefined],
        );
        if (OUTCOME_MEASURES.has(d.questionnaireCode)) await this.reevaluate(d.episodeId, recorded);
        return;
      }
      case 'RiskAlertRaised': {
        const d = event.data;
        await this.dataSource.query(
          `INSERT INTO ${s}."risk_alert" (alert_id, response_id, patient_subject_id, episode_id, organisation_id, signal,
             urgency, status, raised_at, position)
           VALUES ($1,$2,$3,$4,$5,$6,$7,'open',$8,$9) ON CONFLICT (alert_id) DO NOTHING`,
          [d.alertId, d.responseId, d.patientSubjectId, d.episodeId, d.organisationId, d.signal, d.urgency, d.raisedAt, position],
        );
        return;
      }
      case 'RiskAlertAcknowledged': {
        const d = event.data;
        await this.dataSource.query(
          `UPDATE ${s}."risk_alert" SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
             action_taken = $4, position = $5 WHERE alert_id = $1 AND position < $5`,
          [d.alertId, d.acknowledgedAt, recorded.metadata.actor.userId, d.actionTaken, position],
        );
        return;
      }
      case 'RiskAlertEscalated': {
        const d = event.data;
        await this.dataSource.query(
          `UPDATE ${s}."risk_alert" SET escalated_at = $2, position = $3 WHERE alert_id = $1 AND position < $3`,
          [d.alertId, d.escalatedAt, position],
        );
        return;
      }
      case 'OutcomeFlagsComputed': {
        const d = event.data;
        await this.dataSource.query(
          `INSERT INTO ${s}."episode_outcome" (episode_id, rule_set_version, patient_subject_id, outcome, computed_at)
           VALUES ($1,$2,$3,$4,$5)
           ON CONFLICT (episode_id, rule_set_version) DO UPDATE SET outcome = EXCLUDED.outcome, computed_at = EXCLUDED.computed_at
           WHERE ${s}."episode_outcome".computed_at <= EXCLUDED.computed_at`,
          [d.episodeId, d.outcome.ruleSetVersion, d.patientSubjectId, JSON.stringify(d.outcome), d.computedAt],
        );
        return;
      }
      case 'ProblemDescriptorRecorded': {
        const d = event.data;
        // The episode row may not exist yet (its opening event still on its way): create it, keep the rest unknown.
        await this.dataSource.query(
          `INSERT INTO ${s}."episode" (episode_id, patient_subject_id, status, problem_anxiety_disorder, problem_icd10_code)
           VALUES ($1,$2,'open',$3,$4)
           ON CONFLICT (episode_id) DO UPDATE SET problem_anxiety_disorder = EXCLUDED.problem_anxiety_disorder,
             problem_icd10_code = EXCLUDED.problem_icd10_code`,
          [d.episodeId, d.patientSubjectId, d.anxietyDisorder, d.icd10Code],
        );
        await this.reevaluate(d.episodeId, recorded);
        return;
      }
      case 'EpisodeNotOnTrack':
        return;
      default:
        // Other categories (the access trail) share the log: nothing to project.
        return;
    }
  }

  /**
   * A new score or problem descriptor may change the episode's outcome or make it "not on track". The evaluation
   * is idempotent and repeated at the next fact, so a failure here is logged (codes only) rather than stopping the
   * projection that every read depends on.
   */
  private async reevaluate(episodeId: string, cause: RecordedEvent): Promise<void> {
    try {
      const episode = await this.episodes.find(episodeId);
      if (episode) await this.evaluator.evaluate(episode, { correlationId: cause.metadata.correlationId, causationId: cause.id });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.logger.warn(`outcome evaluation after ${cause.type} ${cause.id} failed: ${typeof code === 'string' ? code : 'unexpected error'}`);
    }
  }
}
