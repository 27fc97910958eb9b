import { IsIn, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import {
  SOCIAL_PRESCRIPTION_GOAL_PROGRESS,
  SOCIAL_PRESCRIPTION_PROGRESS,
  WELLBEING_MEASURE_CODES,
  type SocialPrescriptionGoalProgress,
  type SocialPrescriptionProgress,
  type WellbeingMeasureCode,
} from './vocabulary';

/**
 * A social prescription moved on: waiting, started, a session attended or missed, completed, dropped out, a goal's
 * progress (its whole-life domain and a coded rating) or the follow-up wellbeing measure (its code and the outcomes
 * service's questionnaire response id; never the score or answers, which outcomes owns). Codes and ids only.
 */
export interface SocialPrescriptionProgressedV1 {
  prescriptionId: string;
  linkWorkerOrganisationId: string;
  /** The community service, for steps of the referral; null for goal progress or a measure before any. */
  serviceId: string | null;
  progress: SocialPrescriptionProgress;
  /** For goal-progress: the whole-life domain code and the rating. */
  goalDomain?: string;
  goalProgress?: SocialPrescriptionGoalProgress;
  /** For follow-up-measure: the measure and, where there is one, outcomes' questionnaire response. */
  measure?: WellbeingMeasureCode;
  questionnaireResponseId?: string | null;
  /** ISO 8601: when it was recorded. */
  recordedAt: string;
}

export class SocialPrescriptionProgressedV1Payload implements SocialPrescriptionProgressedV1 {
  @IsString() @Matches(OPAQUE_ID) prescriptionId!: string;
  @IsString() @Matches(ODS_CODE) linkWorkerOrganisationId!: string;
  @ValidateIf((_o, v) => v !== null) @IsString() @Matches(OPAQUE_ID) serviceId!: string | null;
  @IsIn(SOCIAL_PRESCRIPTION_PROGRESS) progress!: SocialPrescriptionProgress;
  @IsOptional() @IsString() @Matches(/^[a-z0-9-]{1,64}$/) goalDomain?: string;
  @IsOptional() @IsIn(SOCIAL_PRESCRIPTION_GOAL_PROGRESS) goalProgress?: SocialPrescriptionGoalProgress;
  @IsOptional() @IsIn(WELLBEING_MEASURE_CODES) measure?: WellbeingMeasureCode;
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @Matches(OPAQUE_ID) questionnaireResponseId?: string | null;
  @IsInstant() recordedAt!: string;
}

export const SocialPrescriptionProgressedV1Contract = defineContract<SocialPrescriptionProgressedV1>({
  type: 'directory.social-prescription-progressed',
  version: 1,
  producer: 'directory',
  payload: SocialPrescriptionProgressedV1Payload,
  description: 'A social prescription moved on (waiting, started, attendance, completed, dropped out, goal progress, follow-up measure).',
});
