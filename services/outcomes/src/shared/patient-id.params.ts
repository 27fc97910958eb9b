import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { OPAQUE_ID } from '@stepwell/contracts';

export class PatientIdParams {
  @ApiProperty({ description: 'Opaque patient subject id' })
  @IsString()
  @Matches(OPAQUE_ID)
  patientId!: string;
}

export class EpisodeIdParams {
  @ApiProperty({ description: 'Care episode id (from the referrals service)' })
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;
}
