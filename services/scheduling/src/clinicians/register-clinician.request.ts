import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { CLINICIAN_ROLES, type ClinicianRole } from '../domain';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';


export class RegisterClinicianRequest {
  @ApiProperty({ maxLength: 200, description: 'Working name shown to colleagues, e.g. "Dr A Khan"' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'A81001', description: 'ODS code of the organisation (must be the caller’s own)' })
  @IsString()
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code (3 to 10 capital letters or digits)' })
  organisation!: string;

  @ApiProperty({ enum: CLINICIAN_ROLES })
  @IsIn(CLINICIAN_ROLES)
  role!: ClinicianRole;

  @ApiProperty({ type: [String], example: ['en', 'pl'], description: 'ISO 639 codes of the languages consulted in' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'each language must be an ISO 639 code such as en, pl, ur' })
  languages!: string[];

  @ApiProperty({ type: [String], example: ['site-1'], description: 'Ids of the sites where the clinician works' })
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(OPAQUE_ID, { each: true, message: 'each site must be an id of letters, digits, - and _' })
  sites!: string[];
}
