import { IsIn, IsInt, IsString, Matches, Min, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

export const CARE_THREAD_RESOLUTIONS = ['care-accepted', 'closed-by-referrer'] as const;
export type CareThreadResolution = (typeof CARE_THREAD_RESOLUTIONS)[number];
/** What took the person on: a referral accepted (an episode opened), a consultation service taking the person on for direct psychological therapy, a social prescription accepted by a community organisation. */
export const CARE_ACCEPTANCE_SOURCES = ['referral-accepted', 'consultation-accepted', 'social-prescription-accepted'] as const;
export type CareAcceptanceSource = (typeof CARE_ACCEPTANCE_SOURCES)[number];
/** Why the referring organisation closed a thread itself. */
export const CARE_THREAD_CLOSE_REASONS = ['managed-in-primary-care', 'patient-declined', 'moved-away', 'died'] as const;
export type CareThreadCloseReason = (typeof CARE_THREAD_CLOSE_REASONS)[number];

/** Gap watch (issue 18): a care-seeking thread ended — care accepted somewhere, or closed by the referrer with a coded reason. */
export interface CareThreadResolvedV1 {
  threadId: string;
  referringOrganisationId: string | null;
  how: CareThreadResolution;
  /** `care-accepted` only. */
  acceptanceSource: CareAcceptanceSource | null;
  acceptingOrganisationId: string | null;
  /** `closed-by-referrer` only. */
  closeReason: CareThreadCloseReason | null;
  /** Whole days from the thread opening to its resolution. */
  daysOpen: number;
  /** ISO 8601. */
  resolvedAt: string;
}

export class CareThreadResolvedV1Payload implements CareThreadResolvedV1 {
  @IsString() @Matches(OPAQUE_ID) threadId!: string;
  @ValidateIf((_, value) => value !== null) @IsString() @Matches(ODS_CODE) referringOrganisationId!: string | null;
  @IsIn(CARE_THREAD_RESOLUTIONS) how!: CareThreadResolution;
  @ValidateIf((_, value) => value !== null) @IsIn(CARE_ACCEPTANCE_SOURCES) acceptanceSource!: CareAcceptanceSource | null;
  @ValidateIf((_, value) => value !== null) @IsString() @Matches(ODS_CODE) acceptingOrganisationId!: string | null;
  @ValidateIf((_, value) => value !== null) @IsIn(CARE_THREAD_CLOSE_REASONS) closeReason!: CareThreadCloseReason | null;
  @IsInt() @Min(0) daysOpen!: number;
  @IsInstant() resolvedAt!: string;
}

export const CareThreadResolvedV1Contract = defineContract<CareThreadResolvedV1>({
  type: 'referrals.care-thread-resolved',
  version: 1,
  producer: 'referrals',
  payload: CareThreadResolvedV1Payload,
  description: 'A care-seeking thread ended: an organisation accepted care, or the referrer closed it with a coded reason.',
});
