import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsStrictDate } from './strict-date';

/**
 * `?asOf=`: the instant a record is described as recorded at — an RFC 3339 date-time with an offset (400 naming `asOf`
 * otherwise); the handler's default is now. The one query of every "as of" read (the journeys of issue 19 item 5).
 */
export class AsOfQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'The instant the record is described as recorded at; default now' })
  @IsOptional()
  @IsStrictDate('date-time')
  asOf?: string;
}
