import { ApiProperty } from '@nestjs/swagger';
import { OPT_OUT_SOURCES, type OptOutSource } from '@stepwell/contracts';
import { IsBoolean, IsIn } from 'class-validator';

export class NationalDataOptOutRequest {
  @ApiProperty({ description: 'true: the person has registered a national data opt-out; false: they have not (or withdrew it)' })
  @IsBoolean()
  optedOut!: boolean;

  @ApiProperty({ enum: OPT_OUT_SOURCES, description: 'Where the status comes from: the National Data Opt-out service (checked), or the person told a clinician' })
  @IsIn(OPT_OUT_SOURCES)
  source!: OptOutSource;
}

export class NationalDataOptOutView {
  @ApiProperty({ format: 'uuid', description: 'The patient subject id' }) id!: string;
  @ApiProperty() optedOut!: boolean;
  @ApiProperty({ enum: OPT_OUT_SOURCES, nullable: true, type: String }) source!: OptOutSource | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the status last changed (null: never recorded)' }) changedAt!: string | null;
}
