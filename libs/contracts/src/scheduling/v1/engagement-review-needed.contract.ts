import { IsInt, IsString, Matches, Min } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/**
 * Consecutive missed appointments with no successful contact: the episode needs clinical review. A review is
 * never a discharge.
 */
export interface EngagementReviewNeededV1 {
  episodeId: string;
  organisationId: string;
  consecutiveMissed: number;
  raisedAt: string;
}

export class EngagementReviewNeededV1Payload implements EngagementReviewNeededV1 {
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(ODS_CODE) organisationId!: string;
  @IsInt() @Min(2) consecutiveMissed!: number;
  @IsInstant() raisedAt!: string;
}

export const EngagementReviewNeededV1Contract = defineContract<EngagementReviewNeededV1>({
  type: 'scheduling.engagement-review-needed',
  version: 1,
  producer: 'scheduling',
  payload: EngagementReviewNeededV1Payload,
  description: 'An episode needs clinical review after consecutive missed appointments with no contact made.',
});
