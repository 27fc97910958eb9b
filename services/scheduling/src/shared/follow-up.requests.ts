import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageParams } from './list-clinicians.params';
import { CONTACT_METHODS, CONTACT_OUTCOMES, type ContactMethod, type ContactOutcome } from '../domain';
import { ODS_CODE, OPAQUE_ID } from '@stepwell/contracts';

export class OrganisationListParams extends PageParams {
  @ApiProperty({ example: 'A81001', description: 'ODS code (the caller’s own organisation)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;
}

export class FollowUpTaskListParams extends OrganisationListParams {
  @ApiPropertyOptional({ enum: ['open', 'completed'] })
  @IsOptional()
  @IsIn(['open', 'completed'])
  status?: 'open' | 'completed';
}

export class TaskIdParams {
  @ApiProperty()
  @Matches(OPAQUE_ID)
  taskId!: string;
}

export class RecordContactAttemptRequest {
  @ApiProperty({ enum: CONTACT_METHODS })
  @IsIn(CONTACT_METHODS)
  method!: ContactMethod;

  @ApiProperty({ enum: CONTACT_OUTCOMES, description: '`reached`: a two-way conversation with the person' })
  @IsIn(CONTACT_OUTCOMES)
  outcome!: ContactOutcome;
}
