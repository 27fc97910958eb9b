import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsStrictDate } from '@stepwell/http';
import { PageParams } from '../shared/list-clinicians.params';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  CLINICIAN_ROLES,
  type AppointmentMode,
  type AppointmentPurpose,
  type ClinicianRole,
} from '../domain';
import { ODS_CODE } from '@stepwell/contracts';

export class FreeSlotsParams extends PageParams {
  @ApiProperty({ example: 'A81001' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ description: 'Slots starting at or after (UTC instant); default now' })
  @IsOptional()
  @IsStrictDate('either')
  from?: string;

  @ApiPropertyOptional({ description: 'Slots starting before (UTC instant); default 28 days after `from`' })
  @IsOptional()
  @IsStrictDate('either')
  to?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_MODES })
  @IsOptional()
  @IsIn(APPOINTMENT_MODES)
  mode?: AppointmentMode;

  @ApiPropertyOptional({ enum: APPOINTMENT_PURPOSES })
  @IsOptional()
  @IsIn(APPOINTMENT_PURPOSES)
  purpose?: AppointmentPurpose;

  @ApiPropertyOptional({ example: 'pl' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}$/)
  language?: string;

  @ApiPropertyOptional({ enum: CLINICIAN_ROLES })
  @IsOptional()
  @IsIn(CLINICIAN_ROLES)
  role?: ClinicianRole;
}
