import { IsIn, IsInt, Min, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { OutcomeFlagsComputedV1Payload, type OutcomeFlagsComputedV1 } from '../v1/outcome-flags-computed.contract';

/**
 * Why a recorded outcome was recorded again after the discharge (issue 12 item 12): a late attendance message, a
 * measure entered late for a contact on or before the discharge date, a changed problem descriptor, or the
 * discharge recorded again. Version 1 (the outcome at discharge) has no reason.
 */
export const OUTCOME_CORRECTION_REASONS = [
  'attendance-recorded-after-discharge',
  'measure-entered-after-discharge',
  'problem-descriptor-changed',
  'discharge-recorded-again',
] as const;
export type OutcomeCorrectionReason = (typeof OUTCOME_CORRECTION_REASONS)[number];

/**
 * v1 plus the version of the recorded outcome and, for a correction, its reason: a consumer sees a correction as
 * a visible new version of the same episode's outcome (replace version n by n + 1), never as a second,
 * unexplained outcome. `recordedVersion` is null only for outcomes recorded before versions were kept.
 */
export interface OutcomeFlagsComputedV2 extends OutcomeFlagsComputedV1 {
  recordedVersion: number | null;
  correctionReason: OutcomeCorrectionReason | null;
}

/** v1's fields (frozen, inherited with their checks) and the two v2 adds. */
export class OutcomeFlagsComputedV2Payload extends OutcomeFlagsComputedV1Payload implements OutcomeFlagsComputedV2 {
  @ValidateIf((_, value) => value !== null) @IsInt() @Min(1) recordedVersion!: number | null;
  @ValidateIf((_, value) => value !== null) @IsIn(OUTCOME_CORRECTION_REASONS) correctionReason!: OutcomeCorrectionReason | null;
}

export const OutcomeFlagsComputedV2Contract = defineContract<OutcomeFlagsComputedV2>({
  type: 'outcomes.outcome-flags-computed',
  version: 2,
  producer: 'outcomes',
  payload: OutcomeFlagsComputedV2Payload,
  description:
    "An ended episode's recorded outcome flags under a named rule set, with the recorded version (1 at discharge) and, for a later correction, its reason.",
});

/** Whether an outcome message supersedes what a consumer holds for the same episode and rule set (a later version). */
export function supersedesRecordedOutcome(
  incoming: Pick<OutcomeFlagsComputedV2, 'recordedVersion'>,
  held: Pick<OutcomeFlagsComputedV2, 'recordedVersion'> | null,
): boolean {
  if (held === null) return true;
  if (incoming.recordedVersion === null || held.recordedVersion === null) return true;
  return incoming.recordedVersion > held.recordedVersion;
}
