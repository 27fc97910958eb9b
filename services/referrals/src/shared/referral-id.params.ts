import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class ReferralIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}
