import { IsIn, IsInt, IsString, Matches, Min } from 'class-validator';
import { defineContract } from '../../contract';
import type { NotOnTrackReason } from './vocabulary';
import { NOT_ON_TRACK_REASONS } from './vocabulary';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** An episode is not on track: a reliable deterioration, or the rule set's number of sessions without reliable improvement. */
export interface EpisodeNotOnTrackV1 {
  episodeId: string;
  ruleSetVersion: string;
  reason: NotOnTrackReason;
  attendedTreatmentSessions: number;
  detectedAt: string;
}

export class EpisodeNotOnTrackV1Payload implements EpisodeNotOnTrackV1 {
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(/^[A-Za-z0-9._-]{1,32}$/) ruleSetVersion!: string;
  @IsIn(NOT_ON_TRACK_REASONS) reason!: NotOnTrackReason;
  @IsInt() @Min(0) attendedTreatmentSessions!: number;
  @IsInstant() detectedAt!: string;
}

export const EpisodeNotOnTrackV1Contract = defineContract<EpisodeNotOnTrackV1>({
  type: 'outcomes.episode-not-on-track',
  version: 1,
  producer: 'outcomes',
  payload: EpisodeNotOnTrackV1Payload,
  description: 'An episode is not on track and may need a specialist consultation.',
});
