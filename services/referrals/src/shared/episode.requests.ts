import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { pageQueryWith, IsStrictDate } from '@stepwell/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { DISCHARGE_REASONS, type DischargeReason } from '../domain/stepped-care/discharge-reason';
import { MEASURE_RANGES, type Measure } from '../domain/stepped-care/measure';
import { STEP_CHANGE_REASONS, type StepChangeReason } from '../domain/stepped-care/step-change-reason';
import { STEPS, type Step } from '../domain/stepped-care/step';
import { ODS_CODE } from '@stepwell/contracts';

const MEASURES = Object.keys(MEASURE_RANGES) as Measure[];

export class EpisodeIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class PauseIdParams extends EpisodeIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  pauseId!: string;
}

export class PatientIdParams {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id' })
  @IsUUID()
  patientId!: string;
}

/** Optional clinical note on any episode action; never published. */
export class EpisodeNoteRequest {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class ScoreRequest {
  @ApiProperty({ enum: MEASURES })
  @IsIn(MEASURES)
  measure!: Measure;

  @ApiProperty()
  @IsInt()
  score!: number;

  @ApiProperty({ format: 'date-time' })
  @IsStrictDate('date-time')
  recordedAt!: string;

  @ApiPropertyOptional({ description: 'The outcomes service’s observation id' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'observationId must be an id' })
  observationId?: string;
}

export class StepChangeRequest extends EpisodeNoteRequest {
  @ApiProperty({ enum: STEPS })
  @IsIn(STEPS)
  to!: Step;

  @ApiProperty({ example: 'RXT01', description: 'ODS code of the organisation providing the new step' })
  @Matches(ODS_CODE, { message: 'providingOrganisation must be an ODS code' })
  providingOrganisation!: string;

  @ApiProperty({ enum: STEP_CHANGE_REASONS })
  @IsIn(STEP_CHANGE_REASONS)
  reason!: StepChangeReason;

  @ApiPropertyOptional({ type: [ScoreRequest], description: 'The scores the move rests on' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ScoreRequest)
  scores?: ScoreRequest[];

  @ApiPropertyOptional({ description: 'The specialist consultation the move rests on' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'consultationId must be an id' })
  consultationId?: string;

  @ApiPropertyOptional({ description: 'The MDT case discussion the move rests on (issue 16 item 6)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'mdtCaseId must be an id' })
  mdtCaseId?: string;
}

export class DischargeRequest extends EpisodeNoteRequest {
  @ApiProperty({ enum: DISCHARGE_REASONS })
  @IsIn(DISCHARGE_REASONS)
  reason!: DischargeReason;

  @ApiPropertyOptional({ description: 'Recorded follow-up attempts (required for disengaged-after-follow-up)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  followUpAttempts?: number;
}

/**
 * `page` from 1, `pageSize` from 1 (default 50). Larger sizes are not refused here: the controller clamps them
 * to 200, as it always has.
 */
export class EpisodeListQuery extends pageQueryWith({ maxPageSize: null }) {
  @ApiPropertyOptional({ enum: ['Waiting', 'Paused', 'InTreatment', 'Discharged'] })
  @IsOptional()
  @IsIn(['Waiting', 'Paused', 'InTreatment', 'Discharged'])
  status?: 'Waiting' | 'Paused' | 'InTreatment' | 'Discharged';
}
