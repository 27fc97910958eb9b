import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  type ReferralSource,
  type ReferralUrgency,
} from '../domain/referral.vocabulary';
import { ConsentRequest } from '../consents/consents.requests';
import { PatientRequest } from './patient.request';
import { ODS_CODE } from '@stepwell/contracts';

/**
 * Every answer below is required for a complete referral. Missing answers (absent or null, never a wrong value) are
 * not refused whole when a risk answer is given: the referral is received incomplete (202) and completed later with
 * `POST /referrals/{id}/complete` (issue 12 item 9); without a risk answer they are a 400 naming each (nothing
 * written). Which answers may be missing: `COMPLETABLE_REFERRAL_FIELDS`.
 */
export class RiskIndicatorsRequest {
  @ApiProperty()
  @IsOptional()
  @IsBoolean()
  selfHarm?: boolean | null;

  @ApiProperty()
  @IsOptional()
  @IsBoolean()
  suicidalThoughts?: boolean | null;

  @ApiProperty()
  @IsOptional()
  @IsBoolean()
  harmToOthers?: boolean | null;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Clinical notes on risk; never published or logged' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  notes?: string;
}

/**
 * A completable answer (issue 12 item 9): absent or null passes validation only on a form whose class says answers
 * may be missing (`answersMayBeMissing`: the professional intake and the completion), to be decided by
 * `referral-form.ts`. The public self-referral form keeps requiring it here, so a missing answer is refused by the
 * validation guard before anything else runs (its rate limit counts only forms that reach it, as before).
 */
function AnswerMayBeMissing(): PropertyDecorator {
  return ValidateIf((form: object, value: unknown) => (value !== undefined && value !== null) || !(form.constructor as { answersMayBeMissing?: boolean }).answersMayBeMissing);
}

/**
 * The referral form shared by professionals (`POST /referrals`) and the public (`POST /self-referrals`). The
 * completable answers are optional here only so that a missing one can be told from a wrong one: `referral-form.ts`
 * decides (complete, incomplete with a risk answer, or a 400 naming every missing answer).
 */
export class ReferralFormRequest {
  @ApiProperty({ type: PatientRequest })
  @IsDefined()
  // An object, never an array: `"patient": []` passed every nested rule and then failed with a 500.
  @IsObject()
  @ValidateNested()
  @Type(() => PatientRequest)
  patient!: PatientRequest;

  @ApiProperty({ example: 'RX4', description: 'ODS code of the organisation the referral is addressed to' })
  @IsString()
  @Matches(ODS_CODE, { message: 'receivingOrganisation must be an ODS code (3 to 10 capital letters or digits)' })
  receivingOrganisation!: string;

  @ApiPropertyOptional({
    example: 'A81001',
    description:
      'The GP practice the person is registered with: its ODS code, or `not-registered`. Required unless a GP practice sends the referral (then it defaults to that practice).',
  })
  @IsOptional()
  @IsString()
  @Matches(new RegExp(`^(${ODS_CODE.source.slice(1, -1)}|not-registered)$`), { message: 'registeredGpPractice must be an ODS code or not-registered' })
  registeredGpPractice?: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES })
  @AnswerMayBeMissing()
  @IsIn(REFERRAL_URGENCIES)
  urgency?: ReferralUrgency | null;

  @ApiProperty({ maxLength: 2000, description: 'The reason for referral' })
  @AnswerMayBeMissing()
  @IsString()
  @Length(1, 2000)
  reason?: string | null;

  @ApiProperty({ type: [String], example: ['low-mood', 'anxiety'] })
  @AnswerMayBeMissing()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  presentingProblems?: string[] | null;

  @ApiProperty({ type: RiskIndicatorsRequest })
  @AnswerMayBeMissing()
  // An object, never an array: `[{ "suicidalThoughts": true }]` was stored as no risk at all (issue 12 item 11).
  @IsObject()
  @ValidateNested()
  @Type(() => RiskIndicatorsRequest)
  riskIndicators?: RiskIndicatorsRequest | null;

  @ApiProperty({ description: 'The person consents to the referral being shared with the services involved: must be true' })
  @AnswerMayBeMissing()
  @Equals(true, { message: 'consentToShare must be true: a referral needs the person’s consent to share it' })
  consentToShare?: boolean | null;

  @ApiPropertyOptional({
    type: [ConsentRequest],
    maxItems: 20,
    description:
      'Consents the person gave on the form (issue 15 item 5; on `POST /referrals` and the self-referral form alike), each in the shape of `PUT /patients/{id}/consents`: to SMS or email contact, to share with a named organisation or an organisation type. ' +
      'Recorded as the same consent events, in the same write as the referral (both or neither); an invalid one is a 400 naming it (`consents[i].field`) and nothing is written.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ConsentRequest)
  consents?: ConsentRequest[];
}

export class ReceiveReferralRequest extends ReferralFormRequest {
  /** Professional intake: missing answers with a risk answer are received incomplete (issue 12 item 9). */
  static readonly answersMayBeMissing = true;

  @ApiProperty({ enum: REFERRAL_SOURCES, description: 'Who sent the referral' })
  @IsIn(REFERRAL_SOURCES)
  source!: ReferralSource;
}
