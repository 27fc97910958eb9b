import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@stepwell/http';
import { ODS_CODE } from '@stepwell/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { CARE_THREAD_CLOSE_REASONS, type CareThreadCloseReason } from '../domain/care-threads/care-thread.decider';

/** `page` from 1, `pageSize` 1–200 (default 50), from the shared `PageQuery`. */
export class CareThreadListQuery extends PageQuery {
  @ApiProperty({ example: 'A81001', description: 'ODS code of the referring organisation: the caller’s own (403 otherwise)' })
  @Matches(ODS_CODE, { message: 'organisation must be an ODS code' })
  organisation!: string;

  @ApiPropertyOptional({ enum: ['open', 'resolved'], default: 'open' })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only threads overdue (true) or not yet overdue (false)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}

export class CloseCareThreadRequest {
  @ApiProperty({ enum: CARE_THREAD_CLOSE_REASONS })
  @IsIn(CARE_THREAD_CLOSE_REASONS, { message: `reason must be one of ${CARE_THREAD_CLOSE_REASONS.join(', ')}` })
  reason!: CareThreadCloseReason;
}

/** One decision of the thread: who refused, why, what they suggested (the text read from the referral's own stream). */
export interface CareThreadDecisionView {
  referralId: string;
  outcome: string;
  /** The organisation that refused (the referral's receiving organisation) and its name from the registry. */
  organisationId: string;
  organisationName: string | null;
  decidedBy: { organisationId: string; role: string };
  decidedAt: string;
  referralReceivedAt: string;
  declineReason: string | null;
  /** Why, in the triager's words: the decline text, or the note of a signpost or refer-on (`[erased]` after an erasure). */
  why: string | null;
  /** Return with advice: the advice. */
  advice: string | null;
  /** Signpost: the service suggested, and its directory id when known. */
  signpostedService: string | null;
  directoryServiceId: string | null;
  /** Refer on: where to. */
  referOnDestination: string | null;
  destinationOrganisationId: string | null;
  riskIndicated: boolean;
}

export interface CareThreadView {
  id: string;
  patientSubjectId: string;
  referringOrganisationId: string | null;
  status: 'open' | 'resolved';
  openedAt: string;
  firstReferralReceivedAt: string;
  riskIndicated: boolean;
  overdue: boolean;
  flaggedAt: string | null;
  /** The referring practice's task once the thread is overdue: what happened so far, in one line. */
  task: { kind: 'no-acceptance-yet'; dueAt: string; since: string; text: string } | null;
  resolvedAt: string | null;
  resolution:
    | { how: 'care-accepted'; source: string; sourceId: string; acceptingOrganisationId: string }
    | { how: 'closed-by-referrer'; closeReason: string; closedBy: { organisationId: string; role: string } }
    | null;
  decisions: CareThreadDecisionView[];
}
