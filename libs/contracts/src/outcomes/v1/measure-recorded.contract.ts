import { IsBoolean, IsIn, IsInt, IsString, Matches, Min, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import type { CompletedBy } from './vocabulary';
import { COMPLETED_BY, MEASURE_CODE } from './vocabulary';
import { IsInstant, OPAQUE_ID } from '../../shared/identifiers';

/** A questionnaire response was recorded and scored. Totals and codes only: the answers stay in the service. */
export interface MeasureRecordedV1 {
  responseId: string;
  episodeId: string;
  /** The appointment the measure was taken for; null outside a session. */
  appointmentId: string | null;
  questionnaireCode: string;
  questionnaireVersion: string;
  completedBy: CompletedBy;
  /** Null for a measure reported item by item (ONS4). */
  total: number | null;
  /** Severity band code (`moderate`, ...); null where the measure has no bands. */
  severityBand: string | null;
  /** Null where the measure has no caseness cut-off. */
  atCaseness: boolean | null;
  /** True when an answer raised a risk alert (its own event follows). */
  riskSignalled: boolean;
  /** ISO 8601: when the questionnaire was completed. */
  takenAt: string;
}

export class MeasureRecordedV1Payload implements MeasureRecordedV1 {
  @IsString() @Matches(OPAQUE_ID) responseId!: string;
  @IsString() @Matches(OPAQUE_ID) episodeId!: string;
  @ValidateIf((_, v) => v !== null) @IsString() @Matches(OPAQUE_ID) appointmentId!: string | null;
  @IsString() @Matches(MEASURE_CODE) questionnaireCode!: string;
  @IsString() @Matches(/^[0-9A-Za-z.-]{1,16}$/) questionnaireVersion!: string;
  @IsIn(COMPLETED_BY) completedBy!: CompletedBy;
  @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) total!: number | null;
  @ValidateIf((_, v) => v !== null) @IsString() @Matches(/^[a-z][a-z-]{0,40}$/) severityBand!: string | null;
  @ValidateIf((_, v) => v !== null) @IsBoolean() atCaseness!: boolean | null;
  @IsBoolean() riskSignalled!: boolean;
  @IsInstant() takenAt!: string;
}

export const MeasureRecordedV1Contract = defineContract<MeasureRecordedV1>({
  type: 'outcomes.measure-recorded',
  version: 1,
  producer: 'outcomes',
  payload: MeasureRecordedV1Payload,
  description: 'A questionnaire response was recorded and scored (total, band, caseness).',
});
