import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsObject, IsString, Matches, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import type { CareStep, ReferralUrgency } from '../../referrals/v1/vocabulary';
import { CARE_STEPS, REFERRAL_URGENCIES } from '../../referrals/v1/vocabulary';
import { PRESENTING_PROBLEM_CODE, ReferralConsentV2Payload, ReferralRiskAnswersV2Payload, type ReferralConsentV2, type ReferralRiskAnswersV2 } from '../v2/referral-requested.contract';
import type { ConsentNotNeededReason, ConsultationOutcome } from './vocabulary';
import { CONSENT_NOT_NEEDED_REASONS, CONSULTATION_OUTCOMES } from './vocabulary';

// Defined in ./vocabulary (import-free, so the web app can take it through @stepwell/contracts/browser).
export { CONSENT_NOT_NEEDED_REASONS, type ConsentNotNeededReason } from './vocabulary';

/**
 * An MDT case discussion's decision asks the referrals service to create a referral (issue 16 item 6, "one step from
 * advice to action" as for a consultation's answer, hazard H-MR1): what `consultations.referral-requested` v2 carries
 * — the receiving organisation, step, urgency, the three risk answers (booleans), presenting problems (codes) — with
 * the MDT meeting and case in place of the consultation, and the person's consent: confirmed (`consent`: who heard
 * them agree — `requesting-clinician` is the clinician who presented the case, `specialist` a member of the team —
 * and when) **or** the recognised reason it was not needed (`consentNotNeededBecause`), exactly one of them. Ids,
 * codes, booleans and times only: the case's question, the discussion summary and actions stay (sealed) in the
 * consultations service. The patient is the envelope's `patientSubjectId` (an anonymous case is never referred).
 */
export interface MdtReferralRequestedV1 {
  referralRequestId: string;
  meetingId: string;
  caseId: string;
  /** The organisation that ran the meeting (whose team decided). */
  hostOrganisationId: string;
  /** The organisation that presented the case: the referral's referrer. */
  presentingOrganisationId: string;
  receivingOrganisationId: string;
  targetStep: CareStep;
  urgency: ReferralUrgency;
  decision: ConsultationOutcome;
  riskIndicators: ReferralRiskAnswersV2;
  presentingProblems: string[];
  /** The confirmation that the person consented; null when `consentNotNeededBecause` says why it was not needed. */
  consent: ReferralConsentV2 | null;
  consentNotNeededBecause: ConsentNotNeededReason | null;
  /** ISO 8601: when the decision was recorded. */
  requestedAt: string;
}

/** Exactly one of `consent` and `consentNotNeededBecause`; the reason, when given, a known code. */
const OneConsentAnswer = () =>
  ValidateBy({
    name: 'oneConsentAnswer',
    validator: {
      validate: (value: unknown, args) => {
        const consent = (args?.object as { consent?: unknown }).consent ?? null;
        if (value === null || value === undefined) return consent !== null;
        return consent === null && (CONSENT_NOT_NEEDED_REASONS as readonly unknown[]).includes(value);
      },
      defaultMessage: () => 'consentNotNeededBecause is a known reason given only when consent is null, and null when consent is given',
    },
  });

export class MdtReferralRequestedV1Payload implements MdtReferralRequestedV1 {
  @IsString() @Matches(OPAQUE_ID) referralRequestId!: string;
  @IsString() @Matches(OPAQUE_ID) meetingId!: string;
  @IsString() @Matches(OPAQUE_ID) caseId!: string;
  @IsString() @Matches(ODS_CODE) hostOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) presentingOrganisationId!: string;
  @IsString() @Matches(ODS_CODE) receivingOrganisationId!: string;
  @IsIn(CARE_STEPS) targetStep!: CareStep;
  @IsIn(REFERRAL_URGENCIES) urgency!: ReferralUrgency;
  @IsIn(CONSULTATION_OUTCOMES) decision!: ConsultationOutcome;
  @IsDefined() @IsObject() @ValidateNested() @Type(() => ReferralRiskAnswersV2Payload) riskIndicators!: ReferralRiskAnswersV2Payload;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @Matches(PRESENTING_PROBLEM_CODE, { each: true }) presentingProblems!: string[];
  @ValidateIf((_, value) => value !== null) @IsObject() @ValidateNested() @Type(() => ReferralConsentV2Payload) consent!: ReferralConsentV2Payload | null;
  @OneConsentAnswer() consentNotNeededBecause!: ConsentNotNeededReason | null;
  @IsInstant() requestedAt!: string;
}

export const MdtReferralRequestedV1Contract = defineContract<MdtReferralRequestedV1>({
  type: 'consultations.mdt-referral-requested',
  version: 1,
  producer: 'consultations',
  payload: MdtReferralRequestedV1Payload,
  description: "An MDT case discussion's decision asks the referrals service to create a referral linked to the case, with the risk answers, presenting problems and the consent (or why it was not needed).",
});
