import { IsBoolean, IsInt, IsString, Matches, Min, ValidateIf } from 'class-validator';
import { defineContract } from '../../contract';
import { IsInstant, ODS_CODE, OPAQUE_ID } from '../../shared/identifiers';

/**
 * Gap watch (issue 18): no organisation accepted care within the configured time of the thread opening (14 days by
 * default, 2 when risk indicators were present): a task for the referring practice, and a row on the commissioner's
 * view. Ids, codes and dates only.
 */
export interface CareThreadOverdueV1 {
  threadId: string;
  referringOrganisationId: string | null;
  /** The wait that was exceeded, in days (14, or 2 with risk, unless configured otherwise). */
  overdueAfterDays: number;
  riskIndicated: boolean;
  /** ISO 8601. */
  openedAt: string;
  dueAt: string;
  detectedAt: string;
}

export class CareThreadOverdueV1Payload implements CareThreadOverdueV1 {
  @IsString() @Matches(OPAQUE_ID) threadId!: string;
  @ValidateIf((_, value) => value !== null) @IsString() @Matches(ODS_CODE) referringOrganisationId!: string | null;
  @IsInt() @Min(0) overdueAfterDays!: number;
  @IsBoolean() riskIndicated!: boolean;
  @IsInstant() openedAt!: string;
  @IsInstant() dueAt!: string;
  @IsInstant() detectedAt!: string;
}

export const CareThreadOverdueV1Contract = defineContract<CareThreadOverdueV1>({
  type: 'referrals.care-thread-overdue',
  version: 1,
  producer: 'referrals',
  payload: CareThreadOverdueV1Payload,
  description: 'A care-seeking thread has waited longer than allowed with no organisation accepting care.',
});
