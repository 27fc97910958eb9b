import { IsBoolean, IsIn } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant } from '../../shared/identifiers';

/** Where the person's national data opt-out status came from. */
export const OPT_OUT_SOURCES = ['national-data-opt-out-service', 'patient-told-us'] as const;
export type OptOutSource = (typeof OPT_OUT_SOURCES)[number];

/**
 * The person's national data opt-out changed (issue 15 item 5): every service leaves them out of its secondary-use
 * outputs (metrics, dataset extracts, research feeds) from now on, and never out of their direct care. The person is
 * the envelope's patientSubjectId; nothing else about them travels.
 */
export interface NationalDataOptOutChangedV1 {
  optedOut: boolean;
  source: OptOutSource;
  /** ISO 8601: when the change was recorded (consumers keep the latest). */
  changedAt: string;
}

export class NationalDataOptOutChangedV1Payload implements NationalDataOptOutChangedV1 {
  @IsBoolean() optedOut!: boolean;
  @IsIn(OPT_OUT_SOURCES) source!: OptOutSource;
  @IsInstant() changedAt!: string;
}

export const NationalDataOptOutChangedV1Contract = defineContract<NationalDataOptOutChangedV1>({
  type: 'referrals.national-data-opt-out-changed',
  version: 1,
  producer: 'referrals',
  payload: NationalDataOptOutChangedV1Payload,
  description: 'The person’s national data opt-out changed: leave them out of secondary-use outputs, never out of direct care.',
});
