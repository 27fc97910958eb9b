import { IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** The person is available again: the episode's waiting clock runs again. */
export interface EpisodeResumedV1 {
  episodeId: string;
  pauseId: string;
  /** ISO 8601. */
  resumedAt: string;
}

export class EpisodeResumedV1Payload implements EpisodeResumedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @IsString()
  @Matches(OPAQUE_ID)
  pauseId!: string;

  @IsInstant()
  resumedAt!: string;
}

export const EpisodeResumedV1Contract = defineContract<EpisodeResumedV1>({
  type: 'referrals.episode-resumed',
  version: 1,
  producer: 'referrals',
  payload: EpisodeResumedV1Payload,
  description: 'A paused care episode resumed: the waiting clock runs again.',
});
