import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { DischargeReason } from './vocabulary';
import { DISCHARGE_REASONS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A care episode ended; the registered GP receives an outcome letter. */
export interface EpisodeDischargedV1 {
  episodeId: string;
  reason: DischargeReason;
  providingOrganisationId: string;
  /** ISO 8601. */
  dischargedAt: string;
}

export class EpisodeDischargedV1Payload implements EpisodeDischargedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string;

  @IsIn(DISCHARGE_REASONS)
  reason!: DischargeReason;

  @IsString()
  @Matches(ODS_CODE)
  providingOrganisationId!: string;

  @IsInstant()
  dischargedAt!: string;
}

export const EpisodeDischargedV1Contract = defineContract<EpisodeDischargedV1>({
  type: 'referrals.episode-discharged',
  version: 1,
  producer: 'referrals',
  payload: EpisodeDischargedV1Payload,
  description: 'A care episode was discharged for a coded reason.',
});
