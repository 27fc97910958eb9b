import { IsArray, IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import type { ReferralSource, ReferralUrgency, UrgentTriageReason } from '../v1/vocabulary';
import { REFERRAL_SOURCES, REFERRAL_URGENCIES, URGENT_TRIAGE_REASONS } from '../v1/vocabulary';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/**
 * The answers a referral may arrive without when it carries a risk answer (issue 12 item 9). The person, the
 * receiving organisation and the source are never among them.
 */
export const REFERRAL_COMPLETABLE_FIELDS = [
  'urgency',
  'reason',
  'presentingProblems',
  'registeredGpPractice',
  'consentToShare',
  'riskIndicators.selfHarm',
  'riskIndicators.suicidalThoughts',
  'riskIndicators.harmToOthers',
] as const;
export type ReferralCompletableField = (typeof REFERRAL_COMPLETABLE_FIELDS)[number];

/**
 * A referral reached a receiving organisation — v2 adds completeness. Published beside v1, which is unchanged:
 * - `completeness: 'incomplete'`: received with required answers missing (`missingFields`) but a risk answer given
 *   (`urgentTriageReasons`, never empty); `urgency` may be null. No v1 is published for it: v1 promises a whole
 *   referral.
 * - `completeness: 'complete'` with `completedAt`: that referral was completed; v1 `referral-received` is published
 *   with it, at the original `receivedAt` (v1 consumers see the referral once, when it is whole).
 * A referral received complete publishes v1 only. Ids and codes only: the patient is the event's `patientSubjectId`.
 */
export interface ReferralReceivedV2 {
  referralId: string;
  source: ReferralSource;
  urgency: ReferralUrgency | null;
  receivingOrganisationId: string;
  referrerOrganisationId: string | null;
  /** ISO 8601: when the referral (complete or not) first reached the organisation; the waiting clock starts here. */
  receivedAt: string;
  completeness: 'complete' | 'incomplete';
  /** Empty when complete. */
  missingFields: ReferralCompletableField[];
  urgentTriageReasons: UrgentTriageReason[];
  /** ISO 8601, when completed; null while incomplete. */
  completedAt: string | null;
}

export class ReferralReceivedV2Payload implements ReferralReceivedV2 {
  @IsString()
  @Matches(OPAQUE_ID)
  referralId!: string;

  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;

  @ValidateIf((_, value) => value !== null)
  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency | null;

  @IsString()
  @Matches(ODS_CODE)
  receivingOrganisationId!: string;

  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Matches(ODS_CODE)
  referrerOrganisationId!: string | null;

  @IsInstant()
  receivedAt!: string;

  @IsIn(['complete', 'incomplete'])
  completeness!: 'complete' | 'incomplete';

  @IsArray()
  @IsIn(REFERRAL_COMPLETABLE_FIELDS, { each: true })
  missingFields!: ReferralCompletableField[];

  @IsArray()
  @IsIn(URGENT_TRIAGE_REASONS, { each: true })
  urgentTriageReasons!: UrgentTriageReason[];

  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  completedAt!: string | null;
}

export const ReferralReceivedV2Contract = defineContract<ReferralReceivedV2>({
  type: 'referrals.referral-received',
  version: 2,
  producer: 'referrals',
  payload: ReferralReceivedV2Payload,
  description:
    'A referral was received (v2: with completeness). Incomplete referrals (required answers missing, a risk answer given) are published only as v2; their completion publishes v2 (complete) and v1.',
});
