import { IsBoolean, IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/** The triage outcomes that refuse a referral and so open (or continue) a care-seeking thread. */
export const CARE_THREAD_REFUSAL_OUTCOMES = ['decline', 'return-with-advice', 'signpost', 'refer-on'] as const;
export type CareThreadRefusalOutcome = (typeof CARE_THREAD_REFUSAL_OUTCOMES)[number];

/**
 * Gap watch (issue 18): a referral was refused and nobody holds the person's care, so their care-seeking thread
 * opened; it stays open until an organisation accepts care or the referrer closes it. Ids and codes only: the person
 * is the envelope's patientSubjectId, no advice or decline text travels.
 */
export interface CareThreadOpenedV1 {
  threadId: string;
  /** The organisation that referred (its task and view), or null when there is none (a self-referral without a GP). */
  referringOrganisationId: string | null;
  /** The organisation whose refusal opened the thread. */
  refusingOrganisationId: string;
  outcome: CareThreadRefusalOutcome;
  riskIndicated: boolean;
  /** ISO 8601. */
  openedAt: string;
}

export class CareThreadOpenedV1Payload implements CareThreadOpenedV1 {
  @IsString() @Matches(OPAQUE_ID) threadId!: string;
  @ValidateIf((_, value) => value !== null) @IsString() @Matches(ODS_CODE) referringOrganisationId!: string | null;
  @IsString() @Matches(ODS_CODE) refusingOrganisationId!: string;
  @IsIn(CARE_THREAD_REFUSAL_OUTCOMES) outcome!: CareThreadRefusalOutcome;
  @IsBoolean() riskIndicated!: boolean;
  @IsInstant() openedAt!: string;
}

export const CareThreadOpenedV1Contract = defineContract<CareThreadOpenedV1>({
  type: 'referrals.care-thread-opened',
  version: 1,
  producer: 'referrals',
  payload: CareThreadOpenedV1Payload,
  description: 'A refused referral left nobody holding the person’s care: their care-seeking thread is open until care is accepted or the referrer closes it.',
});
