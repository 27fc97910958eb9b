import { IsBoolean, IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import { SOCIAL_PRESCRIPTION_DECLINE_REASONS, type SocialPrescriptionDeclineReason } from './vocabulary';

/** A direct referral was declined by the community organisation, or auto-declined after 14 days without an answer. */
export interface SocialPrescriptionDeclinedV1 {
  prescriptionId: string;
  linkWorkerOrganisationId: string;
  serviceId: string;
  communityOrganisationId: string;
  reason: SocialPrescriptionDeclineReason;
  /** True when nobody answered within the reply window (`reason` is then `no-reply`). */
  automatic: boolean;
  /** ISO 8601. */
  declinedAt: string;
}

export class SocialPrescriptionDeclinedV1Payload implements SocialPrescriptionDeclinedV1 {
  @IsString() @Matches(OPAQUE_ID) prescriptionId!: string;
  @IsString() @Matches(ODS_CODE) linkWorkerOrganisationId!: string;
  @IsString() @Matches(OPAQUE_ID) serviceId!: string;
  @IsString() @Matches(ODS_CODE) communityOrganisationId!: string;
  @IsIn(SOCIAL_PRESCRIPTION_DECLINE_REASONS) reason!: SocialPrescriptionDeclineReason;
  @IsBoolean() automatic!: boolean;
  @IsInstant() declinedAt!: string;
}

export const SocialPrescriptionDeclinedV1Contract = defineContract<SocialPrescriptionDeclinedV1>({
  type: 'directory.social-prescription-declined',
  version: 1,
  producer: 'directory',
  payload: SocialPrescriptionDeclinedV1Payload,
  description: 'A social prescription’s direct referral was declined, or auto-declined after 14 days unanswered (the link worker is told).',
});
