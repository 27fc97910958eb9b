import { IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** The community organisation accepted a direct referral within its 14 days. */
export interface SocialPrescriptionAcceptedV1 {
  prescriptionId: string;
  linkWorkerOrganisationId: string;
  serviceId: string;
  communityOrganisationId: string;
  /** ISO 8601. */
  acceptedAt: string;
}

export class SocialPrescriptionAcceptedV1Payload implements SocialPrescriptionAcceptedV1 {
  @IsString() @Matches(OPAQUE_ID) prescriptionId!: string;
  @IsString() @Matches(ODS_CODE) linkWorkerOrganisationId!: string;
  @IsString() @Matches(OPAQUE_ID) serviceId!: string;
  @IsString() @Matches(ODS_CODE) communityOrganisationId!: string;
  @IsInstant() acceptedAt!: string;
}

export const SocialPrescriptionAcceptedV1Contract = defineContract<SocialPrescriptionAcceptedV1>({
  type: 'directory.social-prescription-accepted',
  version: 1,
  producer: 'directory',
  payload: SocialPrescriptionAcceptedV1Payload,
  description: 'A community organisation accepted a social prescription’s direct referral.',
});
