import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { pageQueryWith } from '@stepwell/http';
import { ODS_CODE } from '@stepwell/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CONSULTATION_MODES, SPECIALISMS, WEEKDAYS, type ConsultationMode, type Specialism, type Weekday } from '../domain';

export class OrganisationIdParams {
  @ApiProperty({ example: 'PCP01', description: 'ODS code of the consultation service' })
  @IsString()
  @Matches(ODS_CODE, { message: 'organisationId must be an ODS code (3 to 10 capital letters or digits)' })
  organisationId!: string;
}

export class SpecialistPoolEntry {
  @ApiProperty({ enum: SPECIALISMS })
  @IsIn(SPECIALISMS)
  specialism!: Specialism;

  @ApiProperty({ minimum: 1, maximum: 500 })
  @IsInt()
  @Min(1)
  @Max(500)
  count!: number;
}

export class OpeningHours {
  @ApiProperty({ enum: WEEKDAYS })
  @IsIn(WEEKDAYS)
  day!: Weekday;

  @ApiProperty({ example: '09:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'opens must be HH:MM' })
  opens!: string;

  @ApiProperty({ example: '17:00' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'closes must be HH:MM' })
  closes!: string;
}

export class PublishOfferingRequest {
  @ApiProperty({ type: [SpecialistPoolEntry] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SPECIALISMS.length)
  @ValidateNested({ each: true })
  @Type(() => SpecialistPoolEntry)
  specialistPool!: SpecialistPoolEntry[];

  @ApiProperty({ enum: CONSULTATION_MODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONSULTATION_MODES.length)
  @IsIn(CONSULTATION_MODES, { each: true })
  modes!: ConsultationMode[];

  @ApiProperty({ maxLength: 2000, description: 'Who the service is for, in its own words (no patient data)' })
  @IsString()
  @Length(0, 2000)
  eligibilityNotes!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 2, description: 'Working days (England and Wales) to answer a routine request' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  responseTargetWorkingDays?: number;

  @ApiProperty({ type: [OpeningHours] })
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => OpeningHours)
  openingHours!: OpeningHours[];
}

export class ListOfferingsParams extends pageQueryWith() {
  @ApiPropertyOptional({ enum: CONSULTATION_MODES })
  @IsOptional()
  @IsIn(CONSULTATION_MODES)
  mode?: ConsultationMode;

  @ApiPropertyOptional({ enum: SPECIALISMS })
  @IsOptional()
  @IsIn(SPECIALISMS)
  specialism?: Specialism;
}
