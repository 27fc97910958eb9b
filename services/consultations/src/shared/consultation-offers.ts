import { Inject, Injectable } from '@nestjs/common';
import type { CareThreadFlaggedV1, EpisodeNotOnTrackV1 } from '@stepwell/contracts';
import { deterministicUuid } from '@stepwell/decider';
import { CLOCK, type Clock } from '@stepwell/http';
import { DataSource, type EntityManager } from 'typeorm';
import { offerIdFor, offerStreamId, type OfferedMeasure, type OfferFacts } from '../domain';
import { OFFER_COMMANDS, type OfferCommands } from './consultations-commands';

const S = '"consultations"';

/**
 * Turns the triggers other services publish into offers of consultation (issue 16 item 7; gap watch, issue 18). The
 * consumers keep what they learn in the read-model schema inside their inbox transaction (`record…`); then the offer
 * is made on its own stream (`offer…`), which is idempotent (one offer per trigger: the id is derived from it), so a
 * redelivery after a crash between the two completes the work and a second delivery makes nothing new.
 */
@Injectable()
export class ConsultationOffers {
  constructor(
    @Inject(OFFER_COMMANDS) private readonly offers: OfferCommands,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Which organisation provides the episode (referrals' episode-opened, then each step change): the latest wins. */
  async recordEpisode(manager: EntityManager, episode: { episodeId: string; patientSubjectId: string; providingOrganisationId: string; changedAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."known_episodes" AS t (episode_id, patient_subject_id, providing_organisation_id, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (episode_id) DO UPDATE SET providing_organisation_id = EXCLUDED.providing_organisation_id, changed_at = EXCLUDED.changed_at
       WHERE t.changed_at <= EXCLUDED.changed_at`,
      [episode.episodeId, episode.patientSubjectId, episode.providingOrganisationId, episode.changedAt],
    );
  }

  /** A scored measure of the episode (outcomes' measure-recorded): id, code, total and time only. */
  async recordMeasure(manager: EntityManager, measure: { measureId: string; episodeId: string; questionnaireCode: string; total: number; takenAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."episode_measures" (measure_id, episode_id, questionnaire_code, total, taken_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (measure_id) DO NOTHING`,
      [measure.measureId, measure.episodeId, measure.questionnaireCode, measure.total, measure.takenAt],
    );
  }

  /** Outcomes' episode-not-on-track, kept until the offer is made (its episode may not be known yet). */
  async recordNotOnTrack(manager: EntityManager, patientSubjectId: string, trigger: EpisodeNotOnTrackV1): Promise<void> {
    await manager.query(
      `INSERT INTO ${S}."offer_triggers_awaiting_episode" (episode_id, rule_set_version, patient_subject_id, not_on_track_reason, attended_treatment_sessions, detected_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [trigger.episodeId, trigger.ruleSetVersion, patientSubjectId, trigger.reason, trigger.attendedTreatmentSessions, trigger.detectedAt],
    );
  }

  /**
   * Offers the episode's provider a consultation for each not-on-track trigger of the episode, once the episode is
   * known; the offer names the episode's measures (first and latest total per questionnaire) by id. Returns how
   * many offers were made now.
   */
  async offerForEpisode(episodeId: string): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT t.*, e.providing_organisation_id FROM ${S}."offer_triggers_awaiting_episode" t
         JOIN ${S}."known_episodes" e ON e.episode_id = t.episode_id WHERE t.episode_id = $1 ORDER BY t.rule_set_version`,
      [episodeId],
    )) as Array<{ rule_set_version: string; patient_subject_id: string; not_on_track_reason: 'reliable-deterioration' | 'no-reliable-improvement'; attended_treatment_sessions: number; detected_at: Date; providing_organisation_id: string }>;
    let made = 0;
    for (const row of rows) {
      const offerId = offerIdFor('episode-not-on-track', `${episodeId}/${row.rule_set_version}`);
      made += await this.make({
        offerId,
        organisationId: row.providing_organisation_id,
        patientSubjectId: row.patient_subject_id,
        reason: {
          trigger: 'episode-not-on-track',
          episodeId,
          ruleSetVersion: row.rule_set_version,
          notOnTrackReason: row.not_on_track_reason,
          attendedTreatmentSessions: row.attended_treatment_sessions,
          measures: await this.measuresOf(episodeId, row.detected_at),
        },
        triggeredAt: row.detected_at.toISOString(),
        offeredAt: this.clock.now(),
      });
    }
    return made;
  }

  /** Referrals' care-thread-flagged: the referring practice is offered a consultation (or an MDT discussion) for the person. */
  offerForCareThread(patientSubjectId: string, flag: CareThreadFlaggedV1): Promise<number> {
    return this.make({
      offerId: offerIdFor('care-thread-flagged', flag.threadId),
      organisationId: flag.referringOrganisationId,
      patientSubjectId,
      reason: {
        trigger: 'care-thread-flagged',
        threadId: flag.threadId,
        refusingOrganisationIds: [...flag.refusingOrganisationIds],
        refusalCount: flag.refusalCount,
        riskIndicated: flag.riskIndicated,
      },
      triggeredAt: flag.flaggedAt,
      offeredAt: this.clock.now(),
    });
  }

  /** Per questionnaire, the first and latest totals recorded up to the trigger, with the ids of every measure between. */
  private async measuresOf(episodeId: string, upTo: Date): Promise<OfferedMeasure[]> {
    const rows = (await this.dataSource.query(
      `SELECT measure_id, questionnaire_code, total FROM ${S}."episode_measures" WHERE episode_id = $1 AND taken_at <= $2 ORDER BY questionnaire_code, taken_at, measure_id`,
      [episodeId, upTo],
    )) as Array<{ measure_id: string; questionnaire_code: string; total: number }>;
    const byCode = new Map<string, OfferedMeasure>();
    for (const row of rows) {
      const seen = byCode.get(row.questionnaire_code);
      if (seen) {
        seen.latest = row.total;
        seen.measureIds.push(row.measure_id);
      } else byCode.set(row.questionnaire_code, { questionnaireCode: row.questionnaire_code, first: row.total, latest: row.total, measureIds: [row.measure_id] });
    }
    return [...byCode.values()];
  }

  private async make(offer: OfferFacts): Promise<number> {
    const actor = { userId: 'system:consultation-offers', organisationId: offer.organisationId, role: 'system' };
    const result = await this.offers.handle(
      offerStreamId(offer.offerId),
      { type: 'MakeOffer', offer },
      {
        metadata: {
          occurredAt: offer.offeredAt,
          correlationId: deterministicUuid(`consultations/offers/${offer.offerId}`),
          causationId: null,
          actor,
          // Whose key seals the offer's free text (a dismissal's reason).
          patientSubjectId: offer.patientSubjectId,
        },
      },
    );
    return result.events.length;
  }
}
