import { ArrayMinSize, IsArray, IsBoolean, IsInt, IsString, Matches, Min } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/**
 * Gap watch (issue 18): a person was refused by two or more services within 90 days, so their care-seeking
 * thread is flagged for a consultation or MDT discussion. The consultations service turns it into an offer in
 * the referring organisation's worklist. The person is the envelope's patientSubjectId; no reasons travel here.
 */
export interface CareThreadFlaggedV1 {
  threadId: string;
  referringOrganisationId: string;
  /** The organisations that refused, oldest refusal first. */
  refusingOrganisationIds: string[];
  refusalCount: number;
  /** Risk indicators were present on a referral of the thread. */
  riskIndicated: boolean;
  /** ISO 8601. */
  flaggedAt: string;
}

export class CareThreadFlaggedV1Payload implements CareThreadFlaggedV1 {
  @IsString() @Matches(OPAQUE_ID) threadId!: string;
  @IsString() @Matches(ODS_CODE) referringOrganisationId!: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @Matches(ODS_CODE, { each: true }) refusingOrganisationIds!: string[];
  @IsInt() @Min(2) refusalCount!: number;
  @IsBoolean() riskIndicated!: boolean;
  @IsInstant() flaggedAt!: string;
}

export const CareThreadFlaggedV1Contract = defineContract<CareThreadFlaggedV1>({
  type: 'referrals.care-thread-flagged',
  version: 1,
  producer: 'referrals',
  payload: CareThreadFlaggedV1Payload,
  description: 'A person refused by two or more services within 90 days is flagged for a consultation or MDT discussion.',
});
