import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import type { Principal } from '@stepwell/access';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import { EpisodeNotFoundError } from './episode.errors';
import type { Actor } from '@stepwell/event-store';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState, OpenedEpisodeState } from '../domain/care-episode';
import { EPISODE_COMMANDS, episodeStreamId } from '../shared/episode-commands';
import { ProjectionRunner } from '@stepwell/read-models';
import { toEpisodeView, type EpisodeView } from './episode.view';

export interface EpisodeRequestContext {
  correlationId: string;
  actor: Actor;
  principal: Principal;
  /** The caller's If-Match. */
  expectedRevision?: number;
}

/** Loads an episode and runs one command under If-Match (the access policy decided who may, before this runs). */
@Injectable()
export class EpisodeCommands {
  constructor(
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load(episodeId: string): Promise<{ state: OpenedEpisodeState; revision: number }> {
    const { state, revision } = await this.episodes.load(episodeStreamId(episodeId));
    if (state.status === 'NotOpened' || revision === null) throw new EpisodeNotFoundError();
    return { state, revision };
  }

  /**
   * `command` gets the time and the deciding actor; the decider refuses what the episode's status does not allow
   * (409/400) and records nothing new for a repeat of what is already recorded.
   */
  async run(
    episodeId: string,
    context: EpisodeRequestContext,
    command: (at: string, decidedBy: Actor) => CareEpisodeCommand,
  ): Promise<{ view: EpisodeView; revision: number; changed: boolean }> {
    const current = await this.load(episodeId);
    // Owner-only: the access policy let only the episode's current provider this far (`episode.administer`/`decide`).
    const at = this.clock.now();
    const result = await this.episodes.handle(episodeStreamId(episodeId), command(at, context.actor), {
      metadata: { ...requestMetadata(context.correlationId, at, context.actor), patientSubjectId: current.state.patientSubjectId },
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
    });
    if (result.state.status === 'NotOpened' || result.revision === null) throw new EpisodeNotFoundError();
    await this.readModels.waitFor(result.position);
    return { view: toEpisodeView(result.state, at), revision: result.revision, changed: result.events.length > 0 };
  }
}
