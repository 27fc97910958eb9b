import { Inject, Injectable } from '@nestjs/common';
import type { CommandHandler } from '@stepwell/commands';
import {
  computeEpisodeOutcome,
  episodeRecordStreamId,
  type EpisodeOutcome,
  type EpisodeOutcomeEvent,
  type EpisodeRecordCommand,
  type EpisodeRecordState,
  type OutcomeCause,
  type OutcomeRuleSet,
  type RuleSetRegistry,
} from '../domain';
import { EPISODE_RECORD_COMMANDS } from '../shared/outcomes-commands';
import type { EpisodeRow } from '../shared/episode.lookup';
import { EpisodeFactsReader } from '../shared/episode-facts.reader';
import { RULE_SETS } from '../shared/rule-set-registry.provider';
import { CLOCK, type Clock } from '@stepwell/http';

export interface EvaluationCause {
  correlationId: string;
  /** The message or request that brought the new fact. */
  causationId: string | null;
  /** What kind of fact it was: after the referral ended, the reason a changed outcome is a correction. */
  fact: OutcomeCause;
}

/**
 * Recomputes an episode's outcome after a new fact (a score, an attended session, the discharge) under the rule
 * set in force, and offers it to the episode record: flags are published when the referral has ended, and "not
 * on track" once. The decider compares with what was recorded, so repeating an evaluation writes nothing.
 */
@Injectable()
export class EpisodeOutcomeEvaluator {
  constructor(
    private readonly facts: EpisodeFactsReader,
    @Inject(RULE_SETS) private readonly ruleSets: RuleSetRegistry,
    @Inject(EPISODE_RECORD_COMMANDS)
    private readonly records: CommandHandler<EpisodeRecordCommand, EpisodeOutcomeEvent, EpisodeRecordState>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The rule set for an episode: the one in force when its course ended, or today for an open one. */
  ruleSetFor(episode: EpisodeRow): OutcomeRuleSet {
    return this.ruleSets.inForceOn(episode.courseEndedAt ?? episode.dischargedAt ?? this.clock.now());
  }

  async compute(episode: EpisodeRow, ruleSet: OutcomeRuleSet = this.ruleSetFor(episode)): Promise<EpisodeOutcome> {
    return computeEpisodeOutcome(await this.facts.factsOf(episode), ruleSet);
  }

  async evaluate(episode: EpisodeRow, cause: EvaluationCause): Promise<EpisodeOutcome> {
    const facts = await this.facts.factsOf(episode);
    const outcome = computeEpisodeOutcome(facts, this.ruleSetFor(episode));
    const computedAt = this.clock.now();
    await this.records.handle(
      episodeRecordStreamId(episode.episodeId),
      {
        type: 'RecordOutcome',
        data: {
          episodeId: episode.episodeId,
          patientSubjectId: episode.patientSubjectId,
          outcome,
          referralEnded: facts.referralEnded,
          attendedTreatmentSessions: facts.attendedTreatmentAppointments,
          computedAt,
          cause: cause.fact,
        },
      },
      {
        metadata: {
          occurredAt: computedAt,
          correlationId: cause.correlationId,
          causationId: cause.causationId,
          actor: { userId: 'system:outcome-rules', organisationId: episode.providingOrganisationId ?? 'STEPWELL', role: 'system' },
          patientSubjectId: episode.patientSubjectId,
        },
      },
    );
    return outcome;
  }
}
