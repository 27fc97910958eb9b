import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { ENGAGEMENT_REVIEW_POLICY, FOLLOW_UP_TASK_POLICY } from '../access/visibility-policies';
import { CorrelationId } from '@stepwell/http';
import { OtherOrganisationError } from '../shared/other-organisation.error';
import { ATTENDANCE_ROLES } from '../shared/scheduling-roles';
import { FollowUpTaskListParams, OrganisationListParams, RecordContactAttemptRequest, TaskIdParams } from '../shared/follow-up.requests';
import { FollowUpService } from './follow-up.service';
import { EngagementReviewPage, FollowUpTaskPage, FollowUpTaskView } from './follow-up.views';

@ApiTags('follow-up')
@ApiBearerAuth()
@Controller()
export class FollowUpController {
  constructor(private readonly followUp: FollowUpService) {}

  @Get('follow-up-tasks')
  @Roles(...ATTENDANCE_ROLES)
  @PatientRecord({ resource: 'follow-up-task', itemsField: 'items' })
  @Visibility(FOLLOW_UP_TASK_POLICY, { itemsField: 'items' })
  @ApiOkResponse({ type: FollowUpTaskPage, description: 'Tasks to re-engage people who missed appointments, soonest due first.' })
  tasks(@Query() params: FollowUpTaskListParams, @CurrentPrincipal() principal: Principal): Promise<FollowUpTaskPage> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    return this.followUp.tasks(params);
  }

  @Post('follow-up-tasks/:taskId/contact-attempts')
  @Roles(...ATTENDANCE_ROLES)
  @PatientRecord({ resource: 'follow-up-task' })
  @Visibility(FOLLOW_UP_TASK_POLICY)
  @HttpCode(200)
  @ApiOkResponse({
    type: FollowUpTaskView,
    description: 'The task after the attempt; reaching the person completes it. Only the organisation whose appointment was missed (403 otherwise; 404 to a stranger). An audited read.',
  })
  attempt(
    @Param() params: TaskIdParams,
    @Body() body: RecordContactAttemptRequest,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FollowUpTaskView> {
    return this.followUp.recordAttempt(params.taskId, body, { correlationId, actor: actorOf(principal, ATTENDANCE_ROLES), principal });
  }

  @Get('engagement-reviews')
  @Roles(...ATTENDANCE_ROLES)
  @PatientRecord({ resource: 'engagement-review', itemsField: 'items' })
  @Visibility(ENGAGEMENT_REVIEW_POLICY, { itemsField: 'items' })
  @ApiOkResponse({ type: EngagementReviewPage, description: 'Episodes needing clinical review after consecutive missed appointments.' })
  reviews(@Query() params: OrganisationListParams, @CurrentPrincipal() principal: Principal): Promise<EngagementReviewPage> {
    if (params.organisation !== principal.organisationId) throw new OtherOrganisationError();
    return this.followUp.reviews(params);
  }
}
