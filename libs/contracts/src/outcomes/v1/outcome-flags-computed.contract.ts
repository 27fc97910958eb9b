import { IsBoolean, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { MEASURE_CODE } from './vocabulary';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** An ended episode's outcome flags under one rule set (the explanations stay in the service's API). */
export interface OutcomeFlagsComputedV1 {
  episodeId: string;
  ruleSetVersion: string;
  depressionMeasure: string;
  anxietyMeasure: string;
  pairedScores: boolean;
  finishedCourse: boolean;
  casenessAtStart: boolean;
  recovery: boolean;
  reliableImprovement: boolean;
  reliableDeterioration: boolean;
  reliableRecovery: boolean;
  noReliableChange: boolean;
  computedAt: string;
}

export class OutcomeFlagsComputedV1Payload implements OutcomeFlagsComputedV1 {
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @IsString() @Matches(/^[A-Za-z0-9._-]{1,32}$/) ruleSetVersion!: string;
  @IsString() @Matches(MEASURE_CODE) depressionMeasure!: string;
  @IsString() @Matches(MEASURE_CODE) anxietyMeasure!: string;
  @IsBoolean() pairedScores!: boolean;
  @IsBoolean() finishedCourse!: boolean;
  @IsBoolean() casenessAtStart!: boolean;
  @IsBoolean() recovery!: boolean;
  @IsBoolean() reliableImprovement!: boolean;
  @IsBoolean() reliableDeterioration!: boolean;
  @IsBoolean() reliableRecovery!: boolean;
  @IsBoolean() noReliableChange!: boolean;
  @IsInstant() computedAt!: string;
}

export const OutcomeFlagsComputedV1Contract = defineContract<OutcomeFlagsComputedV1>({
  type: 'outcomes.outcome-flags-computed',
  version: 1,
  producer: 'outcomes',
  payload: OutcomeFlagsComputedV1Payload,
  description: "An ended episode's outcome flags (recovery, reliable improvement, ...) under a named rule set.",
});
