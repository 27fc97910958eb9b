import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { CLINICIAN_ROLES, type ClinicianRole } from '../domain';
import { ODS_CODE } from './register-clinician.request';

/** Page and page size of every list endpoint. */
export class PageParams {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class ListCliniciansParams extends PageParams {
  @ApiProperty({ example: 'A81001', description: 'ODS code of the organisation (the caller’s own)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: CLINICIAN_ROLES })
  @IsOptional()
  @IsIn(CLINICIAN_ROLES)
  role?: ClinicianRole;

  @ApiPropertyOptional({ example: 'pl' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/)
  language?: string;
}
