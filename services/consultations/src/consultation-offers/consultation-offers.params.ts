import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODS_CODE } from '@stepwell/contracts';
import { pageQueryWith } from '@stepwell/http';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { OFFER_STATUSES, type OfferStatus } from '../domain';

export class ConsultationOffersParams extends pageQueryWith() {
  @ApiProperty({ example: 'TT01', description: 'The caller’s own organisation (the offers made to it)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: OFFER_STATUSES })
  @IsOptional()
  @IsIn(OFFER_STATUSES)
  status?: OfferStatus;
}

export class DismissOfferRequest {
  @ApiProperty({ maxLength: 2000, description: 'Why no consultation is asked for (sealed with the person’s key)' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}
