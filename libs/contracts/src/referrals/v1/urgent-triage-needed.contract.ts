import { ArrayMinSize, IsArray, IsIn, IsString, Matches } from 'class-validator';
import { defineContract } from '../../contract';
import type { ReferralUrgency, UrgentTriageReason } from './vocabulary';
import { REFERRAL_URGENCIES, URGENT_TRIAGE_REASONS } from './vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** A referral needs triage at once (crisis urgency or a flagged risk); it sorts first in every queue. */
export interface UrgentTriageNeededV1 {
  referralId: string;
  receivingOrganisationId: string;
  urgency: ReferralUrgency;
  reasons: UrgentTriageReason[];
  /** ISO 8601. */
  raisedAt: string;
}

export class UrgentTriageNeededV1Payload implements UrgentTriageNeededV1 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsString()
  @Matches(ODS_CODE)
  receivingOrganisationId!: string;

  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(URGENT_TRIAGE_REASONS, { each: true })
  reasons!: UrgentTriageReason[];

  @IsInstant()
  raisedAt!: string;
}

export const UrgentTriageNeededV1Contract = defineContract<UrgentTriageNeededV1>({
  type: 'referrals.urgent-triage-needed',
  version: 1,
  producer: 'referrals',
  payload: UrgentTriageNeededV1Payload,
  description: 'A referral was flagged for urgent triage by its urgency or its risk indicators.',
});
