import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientAccess, type Principal, type Role, Visibility } from '@stepwell/access';
import { ODS_CODE } from '@stepwell/contracts';
import { deterministicUuid } from '@stepwell/decider';
import { CLOCK, type Clock, CorrelationId, type HeaderSink, ProblemException, runCommandCall } from '@stepwell/http';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { Step } from '../domain/stepped-care/step';
import { STEP_CHANGE_REASONS, type StepChangeReason } from '../domain/stepped-care/step-change-reason';
import { EpisodeCommands } from './episode-commands.service';
import { EpisodeView } from './episode.view';
import { EpisodeIdParams } from '../shared/episode.requests';
import { OrganisationRegistry } from '../shared/organisation-registry';
import { EPISODE_VISIBILITY } from '../shared/referrals-visibility';
import { ConsultationEvidence } from '../shared/consultation-evidence';
import { KnownConsultations, type StepChangeProposal } from '../shared/known-consultations';

/** Why the providing organisation rejects a proposed step change: codes only (no free text kept outside the log). */
export const PROPOSAL_REJECTION_REASONS = ['clinical-judgement', 'patient-declined', 'already-at-right-step', 'not-appropriate-now', 'other'] as const;
export type ProposalRejectionReason = (typeof PROPOSAL_REJECTION_REASONS)[number];

const CLINICIAN = ['clinician'] as const satisfies readonly Role[];

export class ProposalIdParams extends EpisodeIdParams {
  @ApiProperty()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'proposalId must be an id' })
  proposalId!: string;
}

export class AcceptProposalRequest {
  @ApiProperty({ example: 'RXT01', description: 'ODS code of the organisation providing the proposed step' })
  @Matches(ODS_CODE, { message: 'providingOrganisation must be an ODS code' })
  providingOrganisation!: string;

  @ApiPropertyOptional({ enum: STEP_CHANGE_REASONS, default: 'specialist-advice' })
  @IsOptional()
  @IsIn(STEP_CHANGE_REASONS)
  reason?: StepChangeReason;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class RejectProposalRequest {
  @ApiProperty({ enum: PROPOSAL_REJECTION_REASONS })
  @IsIn(PROPOSAL_REJECTION_REASONS)
  reason!: ProposalRejectionReason;
}

export class StepChangeProposalView {
  @ApiProperty() proposalId!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The consultation the proposal rests on (or null: see mdtCaseId)' }) consultationId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The MDT case discussion the proposal rests on (issue 16 item 6), or null' }) mdtCaseId!: string | null;
  @ApiProperty() episodeId!: string;
  @ApiProperty() providingOrganisationId!: string;
  @ApiProperty() proposedStep!: string;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ enum: ['proposed', 'accepted', 'rejected'] }) status!: string;
  @ApiProperty({ nullable: true }) decidedAt!: string | null;
  @ApiProperty({ nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ nullable: true }) stepChangeId!: string | null;
}

export class StepChangeProposalList {
  @ApiProperty() id!: string;
  @ApiProperty() patientSubjectId!: string;
  @ApiProperty({ type: [StepChangeProposalView] }) items!: StepChangeProposalView[];
}

const viewOf = (p: StepChangeProposal): StepChangeProposalView => ({
  proposalId: p.proposalId,
  consultationId: p.consultationId,
  mdtCaseId: p.mdtCaseId,
  episodeId: p.episodeId,
  providingOrganisationId: p.providingOrganisationId,
  proposedStep: p.proposedStep,
  proposedAt: p.proposedAt,
  status: p.status,
  decidedAt: p.decidedAt,
  rejectionReason: p.rejectionReason,
  stepChangeId: p.stepChangeId,
});

const notFound = () => new ProblemException(404, 'step-change-proposal-not-found', 'Step-change proposal not found', 'No such proposal for this episode and organisation.');
const alreadyDecided = (status: string) =>
  new ProblemException(409, 'step-change-proposal-decided', 'The proposal was already decided', `The proposal was already ${status}.`);

/**
 * Issue 16 items 5 and 6: step changes a consultation's outcome or an MDT case's decision proposed, for the
 * organisation providing the episode —
 * the one the proposal is addressed to; under the episode's existing actions (reading: `episode.read`; deciding:
 * `episode.decide`, owner-only). Other related organisations see an empty list; strangers get 404. Accepting runs
 * the ordinary step change (the episode command path) with the consultation or MDT case as its evidence; nothing is applied by
 * itself.
 */
@ApiTags('episodes')
@ApiBearerAuth()
@Controller('episodes')
export class StepChangeProposalsController {
  constructor(
    private readonly known: KnownConsultations,
    private readonly episodes: EpisodeCommands,
    private readonly organisations: OrganisationRegistry,
    private readonly evidence: ConsultationEvidence,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/step-change-proposals')
  @PatientAccess({ action: 'episode.read', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
  @ApiOkResponse({ type: StepChangeProposalList, description: 'The proposals addressed to your organisation, oldest first.' })
  async list(@Param() params: EpisodeIdParams, @CurrentPrincipal() principal: Principal): Promise<StepChangeProposalList> {
    const { state } = await this.episodes.load(params.id);
    const items = await this.known.proposalsFor(params.id, principal.organisationId);
    return { id: params.id, patientSubjectId: state.patientSubjectId, items: items.map(viewOf) };
  }

  @Post(':id/step-change-proposals/:proposalId/accept')
  @PatientAccess({ action: 'episode.decide', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag of the episode you read; a stale one is refused with 412.' })
  @ApiOkResponse({ type: EpisodeView, description: 'The step change made, with the consultation as its evidence; a repeat records nothing new.' })
  async accept(
    @Param() params: ProposalIdParams,
    @Body() body: AcceptProposalRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<EpisodeView> {
    const proposal = await this.known.proposal(params.id, params.proposalId, principal.organisationId);
    if (!proposal) throw notFound();
    if (proposal.status === 'rejected') throw alreadyDecided('rejected');
    await this.organisations.assertKnown(body.providingOrganisation, 'providingOrganisation');
    const { state } = await this.episodes.load(params.id);
    // Its evidence, checked as a clinician's own step change's is (H-CB3, H-MR3).
    await this.evidence.assertKnown(proposal.consultationId, state.patientSubjectId);
    await this.evidence.assertKnownMdtCase(proposal.mdtCaseId, state.patientSubjectId);
    // One proposal, one step change: a repeated accept addresses the same change, which the decider records once.
    const stepChangeId = deterministicUuid(`referrals/step-change-proposal/${proposal.proposalId}`);
    const view = await runCommandCall(
      { ifMatch, correlationId, principal, response },
      (who) => actorOf(who, CLINICIAN),
      (context) =>
        this.episodes.run(params.id, context, (at, decidedBy) => ({
          type: 'ChangeStep',
          episodeId: params.id,
          decidedBy,
          at,
          stepChangeId,
          // The contract's care steps; the decider refuses any this service does not know (400, nothing written).
          toStep: proposal.proposedStep as Step,
          providingOrganisationId: body.providingOrganisation,
          reason: body.reason ?? 'specialist-advice',
          scores: [],
          consultationId: proposal.consultationId,
          ...(proposal.mdtCaseId ? { mdtCaseId: proposal.mdtCaseId } : {}),
          ...(body.note ? { note: body.note } : {}),
        })),
    );
    await this.known.decide(proposal.proposalId, { status: 'accepted', at: this.clock.now(), by: actorOf(principal, CLINICIAN), rejectionReason: null, stepChangeId });
    return view;
  }

  @Post(':id/step-change-proposals/:proposalId/reject')
  @PatientAccess({ action: 'episode.decide', target: { type: 'episode', param: 'id' }, resource: 'episode' })
  @Visibility(EPISODE_VISIBILITY)
  @HttpCode(200)
  @ApiOkResponse({ type: StepChangeProposalList, description: 'The proposals after the rejection; a repeat with the same reason records nothing new.' })
  async reject(
    @Param() params: ProposalIdParams,
    @Body() body: RejectProposalRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<StepChangeProposalList> {
    const proposal = await this.known.proposal(params.id, params.proposalId, principal.organisationId);
    if (!proposal) throw notFound();
    if (proposal.status === 'accepted') throw alreadyDecided('accepted');
    if (proposal.status === 'rejected' && proposal.rejectionReason !== body.reason) throw alreadyDecided('rejected');
    if (proposal.status === 'proposed') {
      const decided = await this.known.decide(proposal.proposalId, { status: 'rejected', at: this.clock.now(), by: actorOf(principal, CLINICIAN), rejectionReason: body.reason, stepChangeId: null });
      if (!decided) throw alreadyDecided('decided');
    }
    return this.list(params, principal);
  }
}
