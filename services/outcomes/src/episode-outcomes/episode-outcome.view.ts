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
  @ApiPropertyOptional({
    nullable: true,
    description: 'Of a recorded outcome: 1 = recorded once at the discharge from every fact before it; 2, 3, ... = a correction (null: provisional, or kept by a recompute)',
  })
  recordedVersion?: number | null;
  @ApiPropertyOptional({
    nullable: true,
    enum: ['discharge-recorded-again', 'measure-entered-after-discharge', 'attendance-recorded-after-discharge', 'problem-descriptor-changed'],
    description: 'Why the recorded outcome was corrected (null for version 1)',
  })
  correctionReason?: string | null;
  @ApiProperty({ description: 'Flags, measures used, paired scores and explanations' }) outcome!: EpisodeOutcome;
}
