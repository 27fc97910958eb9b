import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import { SOCIAL_PRESCRIPTION_SOURCES, type SocialPrescriptionSource } from './vocabulary';

/**
 * A link worker referred a person directly to a community service of the directory (ids and codes only: the
 * person's name, contact route, goals and what the referral asks stay in the directory).
 */
export interface SocialPrescriptionMadeV1 {
  prescriptionId: string;
  linkWorkerOrganisationId: string;
  /** The directory service referred to, and the Stepwell organisation that runs it (answers the referral). */
  serviceId: string;
  communityOrganisationId: string;
  source: SocialPrescriptionSource;
  /** ISO 8601: when the referral was made, and by when the community organisation answers (14 days). */
  madeAt: string;
  replyBy: string;
}

export class SocialPrescriptionMadeV1Payload implements SocialPrescriptionMadeV1 {
  @IsString() @Matches(OPAQUE_ID) prescriptionId!: string;
  @IsString() @Matches(ODS_CODE) linkWorkerOrganisationId!: string;
  @IsString() @Matches(OPAQUE_ID) serviceId!: string;
  @IsString() @Matches(ODS_CODE) communityOrganisationId!: string;
  @IsIn(SOCIAL_PRESCRIPTION_SOURCES) source!: SocialPrescriptionSource;
  @IsInstant() madeAt!: string;
  @IsInstant() replyBy!: string;
}

export const SocialPrescriptionMadeV1Contract = defineContract<SocialPrescriptionMadeV1>({
  type: 'directory.social-prescription-made',
  version: 1,
  producer: 'directory',
  payload: SocialPrescriptionMadeV1Payload,
  description: 'A link worker made a direct referral to a community service listed in the directory.',
});
