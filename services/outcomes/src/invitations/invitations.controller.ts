import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientRecord, type Principal, Public, Roles, Visibility } from '@stepwell/access';
import type { CrisisInformation } from '@stepwell/contracts';
import { ClientRateLimit, CorrelationId } from '@stepwell/http';
import { IsString } from 'class-validator';
import { findQuestionnaire, OutcomesDomainError } from '../domain';
import { CLINICAL_ROLES } from '../shared/outcomes-roles';
import { toQuestionnaireView, type QuestionnaireView } from '../shared/questionnaire.view';
import { CLINICAL_DETAIL_POLICY } from '../shared/visibility-policies';
import { TOKEN_PATTERN } from './invitation-token';
import { IssueInvitationRequest, SubmitInvitationRequest } from './invitation.requests';
import { InvitationsHandler, type IssuedInvitation } from './invitations.handler';
import { INVITATION_POLICY, type InvitationPolicy } from './invitation-policy';

export class TokenParams {
  @ApiProperty({ description: 'The single-use token of the link' })
  @IsString()
  token!: string;
}

/** A token that cannot be one of ours is simply unknown (404), without touching the store. */
function checked(token: string): string {
  if (!TOKEN_PATTERN.test(token)) throw new OutcomesDomainError('INVITATION_NOT_FOUND', 'This link is not known.');
  return token;
}

@ApiTags('questionnaire-invitations')
@ApiBearerAuth()
@Controller('questionnaire-invitations')
export class IssueInvitationController {
  constructor(private readonly handler: InvitationsHandler) {}

  @Post()
  @HttpCode(201)
  @Roles(...CLINICAL_ROLES)
  @PatientRecord({ resource: 'questionnaire-invitation' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiCreatedResponse({ description: 'A single-use link for the patient; the token is shown only now' })
  issue(
    @Body() body: IssueInvitationRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IssuedInvitation> {
    return this.handler.issue(body, { correlationId, actor: actorOf(principal, CLINICAL_ROLES), principal });
  }
}

/** The patient's side of the link: no login, rate-limited, nothing shown about the patient. */
@ApiTags('questionnaire-invitations')
@Controller('q')
@Public()
// Per client address (INVITATION_REQUESTS_PER_MINUTE), shared by every instance: guessing and scraping links stays slow.
@ClientRateLimit({
  bucket: 'questionnaire-links',
  rule: { token: INVITATION_POLICY, select: (policy: InvitationPolicy) => ({ limit: policy.requestsPerMinute, windowMs: 60_000 }) },
  message: 'Too many requests from this address: try again later.',
})
export class QuestionnaireLinkController {
  constructor(private readonly handler: InvitationsHandler) {}

  @Get(':token')
  @ApiOkResponse({ description: 'The questionnaires to complete (404 unknown, 410 used or expired)' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  async open(@Param() params: TokenParams): Promise<{ questionnaires: QuestionnaireView[]; expiresAt: string }> {
    const { questionnaires, expiresAt } = await this.handler.open(checked(params.token));
    return { questionnaires: questionnaires.map((q) => toQuestionnaireView(findQuestionnaire(q.code, q.version), true)), expiresAt };
  }

  @Post(':token')
  @HttpCode(201)
  @ApiCreatedResponse({
    description:
      'Received; the link is used up. `crisisInformation` (NHS 111 option 2, Samaritans 116 123, 999; versioned) when an answer signalled risk, else null',
  })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  submit(
    @Param() params: TokenParams,
    @Body() body: SubmitInvitationRequest,
    @CorrelationId() correlationId: string,
  ): Promise<{ received: { questionnaireCode: string }[]; crisisInformation: CrisisInformation | null }> {
    return this.handler.submit(checked(params.token), body, correlationId);
  }
}
