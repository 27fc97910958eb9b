import { IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { CareStep, ReferralUrgency } from '../../referrals/v1/vocabulary';
import { CARE_STEPS, REFERRAL_URGENCIES } from '../../referrals/v1/vocabulary';
import type { ConsultationOutcome } from './vocabulary';
import { CONSULTATION_OUTCOMES } from './vocabulary';

/**
 * A consultation's outcome means a referral: the referrals service creates it (source `consultation`, linked to
 * the consultation as its evidence) without anyone retyping it. The patient is the envelope's patientSubjectId
 * (always set: an anonymous case cannot be referred). `referralRequestId` makes the request idempotent.
 */
export interface ConsultationReferralRequestedV1 {
  referralRequestId: string;
  consultationId: string;
  /** The organisation that asked for the consultation: the referral's referrer. */
  referringOrganisationId: string;
  receivingOrganisationId: string;
  targetStep: CareStep;
  urgency: ReferralUrgency;
  outcome: ConsultationOutcome;
  /** ISO 8601. */
  requestedAt: string;
}

export class ConsultationReferralRequestedV1Payload implements ConsultationReferralRequestedV1 {
  @IsString() @Matches(OPAQUE_ID) referralRequestId!: string;
  @IsString() @Matches(OPAQUE_ID) consultationId!: string;
  @IsString() @Matches(ODS_CODE) referringOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) receivingOrganisationId!: string;
  @IsIn(CARE_STEPS) targetStep!: CareStep;
  @IsIn(REFERRAL_URGENCIES) urgency!: ReferralUrgency;
  @IsIn(CONSULTATION_OUTCOMES) outcome!: ConsultationOutcome;
  @IsInstant() requestedAt!: string;
}

export const ConsultationReferralRequestedV1Contract = defineContract<ConsultationReferralRequestedV1>({
  type: 'consultations.referral-requested',
  version: 1,
  producer: 'consultations',
  payload: ConsultationReferralRequestedV1Payload,
  description: "A consultation's outcome asks the referrals service to create a referral linked to it.",
});
