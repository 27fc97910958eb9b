import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@stepwell/http';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CLINICIAN_ROLES, type ClinicianRole } from '../domain';
import { ODS_CODE } from '@stepwell/contracts';

/** Page and page size of every list endpoint (the shared `PageQuery`: page from 1, pageSize 1–200, default 50). */
export { PageQuery as PageParams } from '@stepwell/http';

export class ListCliniciansParams extends PageQuery {
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
