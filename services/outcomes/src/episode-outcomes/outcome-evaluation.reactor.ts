import { Injectable, Logger } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Reactor } from '@stepwell/read-models';
import type { OutcomeCause, ProblemDescriptorRecorded, ResponseRecorded } from '../domain';
import { EpisodeLookup } from '../shared/episode.lookup';
import { EpisodeOutcomeEvaluator } from './episode-outcome.evaluator';

/** Scores that enter the outcome rules: a new one may make an episode "not on track". */
const OUTCOME_MEASURES = new Set(['PHQ-9', 'GAD-7']);

/**
 * A new PHQ-9 or GAD-7 score, or a new problem descriptor, may change the episode's outcome or make it "not on
 * track": evaluates the episode (which may append events) once the read models hold the event. The evaluation is
 * idempotent and repeated at the next fact, so a failure is logged (codes only) and passed over rather than
 * holding up every later evaluation.
 */
@Injectable()
export class OutcomeEvaluationReactor implements Reactor {
  readonly name = 'outcomes.outcome-evaluation';
  readonly handles = { types: ['ResponseRecorded', 'ProblemDescriptorRecorded'] };
  private readonly logger = new Logger(OutcomeEvaluationReactor.name);

  constructor(
    private readonly episodes: EpisodeLookup,
    private readonly evaluator: EpisodeOutcomeEvaluator,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    if (event.type === 'ResponseRecorded') {
      const data = event.data as ResponseRecorded['data'];
      if (OUTCOME_MEASURES.has(data.questionnaireCode)) await this.evaluate(data.episodeId, event, 'measure-recorded');
    } else {
      await this.evaluate((event.data as ProblemDescriptorRecorded['data']).episodeId, event, 'problem-descriptor-changed');
    }
  }

  private async evaluate(episodeId: string, cause: RecordedEvent, fact: OutcomeCause): Promise<void> {
    try {
      const episode = await this.episodes.find(episodeId);
      if (episode) await this.evaluator.evaluate(episode, { correlationId: cause.metadata.correlationId, causationId: cause.id, fact });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      this.logger.warn(`outcome evaluation after ${cause.type} ${cause.id} failed: ${typeof code === 'string' ? code : 'unexpected error'}`);
    }
  }
}
