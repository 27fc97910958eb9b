import { IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import type { IdentityVerificationMethod } from './vocabulary';
import { IDENTITY_VERIFICATION_METHODS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/**
 * The receiving organisation verified that a self-referral is about the person it names (hazard H-A1). Until then a
 * relationship resting on that referral (its receiving organisation, the provider of the episode it opened) reaches
 * that referral and episode only, never the person's other care. Ids and a method code only.
 */
export interface PatientIdentityVerifiedV1 {
  referralId: string;
  /** The episode the referral's acceptance opened, or null while it awaits triage (or was not accepted). */
  episodeId: string | null;
  method: IdentityVerificationMethod;
  /** ODS code of the organisation that verified (the referral's receiving organisation). */
  verifiedByOrganisationId: string;
  /** ISO 8601. */
  verifiedAt: string;
}

export class PatientIdentityVerifiedV1Payload implements PatientIdentityVerifiedV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  // Present and null before acceptance: the field is never omitted.
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(OPAQUE_ID)
  episodeId!: string | null;

  @IsIn(IDENTITY_VERIFICATION_METHODS)
  method!: IdentityVerificationMethod;

  @IsString()
  @Matches(ODS_CODE)
  verifiedByOrganisationId!: string;

  @IsInstant()
  verifiedAt!: string;
}

export const PatientIdentityVerifiedV1Contract = defineContract<PatientIdentityVerifiedV1>({
  type: 'referrals.patient-identity-verified',
  version: 1,
  producer: 'referrals',
  payload: PatientIdentityVerifiedV1Payload,
  description: 'The receiving organisation verified the identity of the person a self-referral names.',
});
