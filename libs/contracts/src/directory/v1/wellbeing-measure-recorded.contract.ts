import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';
import { WELLBEING_MEASURE_CODES, WELLBEING_MEASURE_TIMINGS, type WellbeingMeasureCode, type WellbeingMeasureTiming } from './vocabulary';

/**
 * A link worker recorded a social prescription's wellbeing measure: the baseline of the what-matters-to-me
 * conversation, or the follow-up (issue 17, the closed loop). Totals and codes only, as outcomes' own
 * `outcomes.measure-recorded` carries them: SWEMWBS's raw total (7 items scored 1–5, 7–35; Stewart-Brown et al. 2009,
 * Warwick Medical School SWEMWBS user guide), or ONS4's four item scores (0–10 each, in the order satisfied,
 * worthwhile, happy, anxious; ONS personal well-being user guidance). Never the answers, goals or any free text.
 * Outcomes keeps it beside the person's therapy scores; referrals shows it on the journey.
 */
export interface WellbeingMeasureRecordedV1 {
  prescriptionId: string;
  linkWorkerOrganisationId: string;
  timing: WellbeingMeasureTiming;
  measure: WellbeingMeasureCode;
  /** SWEMWBS: the raw total 7–35; null for ONS4. */
  total: number | null;
  /** ONS4: satisfied, worthwhile, happy, anxious (0–10 each); null for SWEMWBS. */
  ons4Items: number[] | null;
  /** YYYY-MM-DD: the day the person completed it. */
  takenOn: string;
  /** ISO 8601: when the link worker recorded it. */
  recordedAt: string;
}

export class WellbeingMeasureRecordedV1Payload implements WellbeingMeasureRecordedV1 {
  @IsString() @Matches(OPAQUE_ID) prescriptionId!: string;
  @IsString() @Matches(ODS_CODE) linkWorkerOrganisationId!: string;
  @IsIn(WELLBEING_MEASURE_TIMINGS) timing!: WellbeingMeasureTiming;
  @IsIn(WELLBEING_MEASURE_CODES) measure!: WellbeingMeasureCode;
  @ValidateIf((o: WellbeingMeasureRecordedV1, v) => v !== null || o.measure === 'SWEMWBS') @IsInt() @Min(7) @Max(35) total!: number | null;
  @ValidateIf((o: WellbeingMeasureRecordedV1, v) => v !== null || o.measure === 'ONS4')
  @ArrayMinSize(4)
  @ArrayMaxSize(4)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(10, { each: true })
  ons4Items!: number[] | null;
  @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/) takenOn!: string;
  @IsInstant() recordedAt!: string;
}

export const WellbeingMeasureRecordedV1Contract = defineContract<WellbeingMeasureRecordedV1>({
  type: 'directory.wellbeing-measure-recorded',
  version: 1,
  producer: 'directory',
  payload: WellbeingMeasureRecordedV1Payload,
  description: 'A social prescription’s baseline or follow-up wellbeing measure (SWEMWBS raw total or ONS4 item scores), for outcomes and the journey.',
});
