import { IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** The person became unavailable: the episode's waiting clock stopped. */
export interface EpisodePausedV1 {
  episodeId: string;
  pauseId: string;
  /** ISO 8601. */
  pausedAt: string;
}

export class EpisodePausedV1Payload implements EpisodePausedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @IsString()
  @Matches(OPAQUE_ID)
  pauseId!: string;

  @IsInstant()
  pausedAt!: string;
}

export const EpisodePausedV1Contract = defineContract<EpisodePausedV1>({
  type: 'referrals.episode-paused',
  version: 1,
  producer: 'referrals',
  payload: EpisodePausedV1Payload,
  description: 'A care episode was paused: the person is unavailable and the waiting clock stops.',
});
