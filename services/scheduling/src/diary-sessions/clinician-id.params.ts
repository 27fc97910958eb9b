import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OPAQUE_ID } from '../clinicians/register-clinician.request';

export class ClinicianIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  id!: string;
}
