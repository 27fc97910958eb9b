import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** An opaque id: letters, digits, `-` and `_` (UUIDs fit; names and NHS numbers with spaces do not). */
export const OPAQUE_ID = /^[A-Za-z0-9_-]{1,64}$/;

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
