import { ApiProperty } from '@nestjs/swagger';
import { OPAQUE_ID } from '@stepwell/contracts';
import { IsString, Matches } from 'class-validator';

export class OfferIdParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID, { message: 'id must be an offer id' })
  id!: string;
}
