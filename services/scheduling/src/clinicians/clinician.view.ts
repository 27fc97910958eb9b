import { ApiProperty } from '@nestjs/swagger';
import { CLINICIAN_ROLES, type ClinicianRole } from '../domain';

export class ClinicianView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'ODS code' }) organisation!: string;
  @ApiProperty({ enum: CLINICIAN_ROLES }) role!: ClinicianRole;
  @ApiProperty({ type: [String] }) languages!: string[];
  @ApiProperty({ type: [String] }) sites!: string[];
}

export class ClinicianPage {
  @ApiProperty({ type: [ClinicianView] }) items!: ClinicianView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
