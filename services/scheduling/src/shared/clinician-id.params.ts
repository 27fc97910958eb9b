import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { OPAQUE_ID } from '@stepwell/contracts';

export class ClinicianIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  id!: string;
}
