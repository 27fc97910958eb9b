import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { ACCEPTANCE_STEPS, type AcceptanceStep } from '../domain/stepped-care/step';
import {
  DECLINE_REASONS,
  REFER_ON_DESTINATIONS,
  TRIAGE_OUTCOMES,
  type DeclineReason,
  type ReferOnDestination,
  type TriageOutcome,
} from '../domain/stepped-care/referral-vocabulary';
import type { TriageDecision } from '../domain/referral-triage';
import { ODS_CODE } from '@stepwell/contracts';

const is = (...outcomes: TriageOutcome[]) => (body: TriageReferralRequest) => outcomes.includes(body.outcome);

/** One triage decision; which fields are required depends on `outcome`. */
export class TriageReferralRequest {
  @ApiProperty({ enum: TRIAGE_OUTCOMES })
  @IsIn(TRIAGE_OUTCOMES)
  outcome!: TriageOutcome;

  @ApiPropertyOptional({ enum: ACCEPTANCE_STEPS, description: 'accept: the step' })
  @ValidateIf(is('accept'))
  @IsIn(ACCEPTANCE_STEPS)
  step?: AcceptanceStep;

  @ApiPropertyOptional({ example: 'RXT01', description: 'accept: ODS code of the providing organisation' })
  @ValidateIf(is('accept'))
  @Matches(ODS_CODE, { message: 'providingOrganisation must be an ODS code' })
  providingOrganisation?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'merge: the referral this one is folded into' })
  @ValidateIf(is('merge'))
  @IsUUID()
  mergedIntoReferralId?: string;

  @ApiPropertyOptional({
    description:
      'signpost: the directory service id (issue 17 item 4): required, and it must be a service the directory has listed and that is active (422 UNKNOWN_DIRECTORY_SERVICE / DIRECTORY_SERVICE_NOT_ACTIVE naming directoryServiceId)',
  })
  @ValidateIf((body: TriageReferralRequest) => body.outcome === 'signpost' || body.directoryServiceId !== undefined)
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'directoryServiceId must be an id' })
  directoryServiceId?: string;

  @ApiPropertyOptional({ description: 'signpost: the service as the triager names it; the directory listing\'s name when omitted' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  service?: string;

  @ApiPropertyOptional({ description: 'return-with-advice: the advice to the referrer' })
  @ValidateIf(is('return-with-advice'))
  @IsString()
  @Length(1, 2000)
  advice?: string;

  @ApiPropertyOptional({ enum: REFER_ON_DESTINATIONS, description: 'refer-on: where to' })
  @ValidateIf(is('refer-on'))
  @IsIn(REFER_ON_DESTINATIONS)
  destination?: ReferOnDestination;

  @ApiPropertyOptional({ description: 'refer-on: ODS code of the destination, when known' })
  @IsOptional()
  @Matches(ODS_CODE, { message: 'destinationOrganisation must be an ODS code' })
  destinationOrganisation?: string;

  @ApiPropertyOptional({ enum: DECLINE_REASONS, description: 'decline: the reason' })
  @ValidateIf(is('decline'))
  @IsIn(DECLINE_REASONS)
  reason?: DeclineReason;

  @ApiPropertyOptional({ description: 'decline: the explanation (required for "other")' })
  @ValidateIf(is('decline'))
  @IsString()
  @Length(0, 2000)
  text?: string;

  @ApiPropertyOptional({ description: 'A clinical note on the decision; never published' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

/**
 * The validated request as the domain states it (fields that do not belong to the outcome are dropped). A signpost's
 * service name is the one given, else `listedName` — the directory listing's name the controller looked up.
 */
export function triageDecisionOf(body: TriageReferralRequest, listedName?: string): TriageDecision {
  const note = body.note ?? null;
  switch (body.outcome) {
    case 'accept':
      return { outcome: 'accept', step: body.step as AcceptanceStep, providingOrganisationId: body.providingOrganisation as string, note };
    case 'merge':
      return { outcome: 'merge', mergedIntoReferralId: body.mergedIntoReferralId as string, note };
    case 'signpost':
      return { outcome: 'signpost', service: body.service ?? (listedName as string), directoryServiceId: body.directoryServiceId as string, note };
    case 'return-with-advice':
      return { outcome: 'return-with-advice', advice: body.advice as string };
    case 'refer-on':
      return { outcome: 'refer-on', destination: body.destination as ReferOnDestination, destinationOrganisationId: body.destinationOrganisation ?? null, note };
    case 'decline':
      return { outcome: 'decline', reason: body.reason as DeclineReason, text: body.text ?? '' };
  }
}
