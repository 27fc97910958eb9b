import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EpisodeOutcome } from '../domain';

/** An episode's outcome under one rule set: every flag with its explanation in words and numbers. */
export class EpisodeOutcomeView {
  @ApiProperty() episodeId!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty() ruleSetVersion!: string;
  @ApiProperty({
    enum: ['recorded', 'provisional'],
    description: '`recorded`: the result kept for this rule set (at discharge or by a recompute); `provisional`: computed now from the facts so far',
  })
  basis!: 'recorded' | 'provisional';
  @ApiPropertyOptional({ nullable: true }) computedAt!: string | null;
  @ApiProperty({ description: 'Flags, measures used, paired scores and explanations' }) outcome!: EpisodeOutcome;
}
