import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_PLACES, MAX_WAIT_DAYS } from '../domain';

/** What a provider reports about its capacity now. */
export class ReportCapacityRequest {
  @ApiProperty({ minimum: 0, maximum: MAX_PLACES, description: 'Places free now' })
  @IsInt()
  @Min(0)
  @Max(MAX_PLACES)
  places_free!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_WAIT_DAYS, description: 'Current wait for a first session, in days' })
  @IsInt()
  @Min(0)
  @Max(MAX_WAIT_DAYS)
  wait_days!: number;
}
