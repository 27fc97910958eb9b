import { Inject, Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, type Principal, Roles } from '@stepwell/access';
import { CorrelationId, CLOCK, type Clock } from '@stepwell/http';
import { IsString, IsUUID, Length } from 'class-validator';
import { PatientIdParams } from '../shared/episode.requests';
import { PatientIndex } from '../shared/patient-index';
import { PatientMergeHandler } from './patient-merge.handler';
import { NotFoundError } from '@stepwell/decider';
import { requestMetadata } from '@stepwell/commands';
import type { ReferralsErrorCode } from '../shared/referrals-error-mappings';

export class PatientMergeRequest {
  @ApiProperty({ format: 'uuid', description: 'The record to merge into (or separate from) the one in the path' })
  @IsUUID()
  duplicatePatientSubjectId!: string;

  @ApiProperty({ minLength: 3, maxLength: 500, description: 'Why (e.g. "same person: NHS number traced on PDS")' })
  @IsString()
  @Length(3, 500)
  reason!: string;
}

export class PatientMergeResult {
  @ApiProperty({ format: 'uuid' })
  survivorSubjectId!: string;

  @ApiProperty({ format: 'uuid' })
  duplicateSubjectId!: string;

  @ApiProperty({ description: 'True while the duplicate is read as the survivor' })
  merged!: boolean;
}

/**
 * Resolving a possible-duplicate marker (issue 10 item 3): an admin of an organisation that received a referral
 * for **both** records merges them (the duplicate's referrals and episodes are read as the survivor's from then on)
 * or reverses an earlier merge. Both are events in the patient index and both appear in the journey. To anyone
 * else both records look unknown (404), so the route never confirms that a record exists.
 */
@ApiTags('patients')
@ApiBearerAuth()
@Controller('patients')
export class PatientMergeController {
  constructor(
    private readonly index: PatientIndex,
    private readonly merges: PatientMergeHandler,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':patientId/merge')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PatientMergeResult, description: 'Merged (200 again, nothing written, when already merged). 409 problem when the records cannot be merged.' })
  async merge(
    @Param() params: PatientIdParams,
    @Body() body: PatientMergeRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PatientMergeResult> {
    return this.decide('merge', params.patientId, body, correlationId, principal);
  }

  @Post(':patientId/unmerge')
  @Roles('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: PatientMergeResult, description: 'The merge is reversed. 409 problem when the records are not merged.' })
  async unmerge(
    @Param() params: PatientIdParams,
    @Body() body: PatientMergeRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PatientMergeResult> {
    return this.decide('unmerge', params.patientId, body, correlationId, principal);
  }

  /** Merge and unmerge take the same checks and the same handler; only the command differs. */
  private async decide(
    action: 'merge' | 'unmerge',
    survivorSubjectId: string,
    body: PatientMergeRequest,
    correlationId: string,
    principal: Principal,
  ): Promise<PatientMergeResult> {
    await this.assertReceivedBoth(principal, survivorSubjectId, body.duplicatePatientSubjectId);
    const actor = actorOf(principal, ['admin']);
    const decidedAt = this.clock.now();
    const decision = { survivorSubjectId, duplicateSubjectId: body.duplicatePatientSubjectId, reason: body.reason, decidedAt, decidedByOrganisation: principal.organisationId };
    await this.merges.handle({ type: action === 'merge' ? 'MergePatients' : 'UnmergePatients', data: decision }, requestMetadata(correlationId, decidedAt, actor));
    return { survivorSubjectId, duplicateSubjectId: body.duplicatePatientSubjectId, merged: action === 'merge' };
  }

  /** The admin's organisation received a referral recorded under each of the two records themselves. */
  private async assertReceivedBoth(principal: Principal, ...records: string[]): Promise<void> {
    for (const record of records) {
      const referrals = await this.index.ownReferralsOf(record);
      if (!referrals.some((referral) => referral.organisationId === principal.organisationId)) throw new NotFoundError<ReferralsErrorCode>('PATIENT_NOT_FOUND', `No patient ${record} is known`, { patientSubjectId: record });
    }
  }
}
