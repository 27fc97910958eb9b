import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { actorOf, CurrentPrincipal, NoLegitimateRelationshipError, PatientRecord, type Principal, Roles, Visibility } from '@stepwell/access';
import { ApiIfMatch, CorrelationId, type HeaderSink, runCommandCall } from '@stepwell/http';
import { IsString, Matches } from 'class-validator';
import { RISK_ALERT_ROLES } from '../shared/outcomes-roles';
import type { Page } from '../shared/page.query';
import { OPAQUE_ID } from '@stepwell/contracts';
import { CLINICAL_DETAIL_POLICY } from '../shared/visibility-policies';
import { AcknowledgeRiskAlertHandler, type AcknowledgedAlert } from './acknowledge-risk-alert.handler';
import { AcknowledgeRiskAlertRequest } from './acknowledge-risk-alert.request';
import { ListRiskAlertsQuery, RiskAlertListQuery } from './list-risk-alerts.query';
import type { RiskAlertView } from './risk-alert.view';

export class RiskAlertIdParams {
  @ApiProperty()
  @IsString()
  @Matches(OPAQUE_ID)
  id!: string;
}

@ApiTags('risk-alerts')
@ApiBearerAuth()
@Controller('risk-alerts')
export class RiskAlertsController {
  constructor(
    private readonly alerts: ListRiskAlertsQuery,
    private readonly acknowledgeHandler: AcknowledgeRiskAlertHandler,
  ) {}

  @Get()
  @Roles(...RISK_ALERT_ROLES)
  @PatientRecord({ resource: 'risk-alert', itemsField: 'items' })
  @Visibility(CLINICAL_DETAIL_POLICY, { itemsField: 'items' })
  @ApiOkResponse({ description: "The organisation's risk alerts, urgent first, then escalated, then oldest; paginated with totals" })
  async list(@Query() query: RiskAlertListQuery, @CurrentPrincipal() principal: Principal): Promise<Page<RiskAlertView>> {
    // A clinician works their own organisation's queue; another organisation's queue is not theirs to read.
    if (query.organisation !== undefined && query.organisation !== principal.organisationId) throw new NoLegitimateRelationshipError();
    return this.alerts.run(principal.organisationId, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(...RISK_ALERT_ROLES)
  @PatientRecord({ resource: 'risk-alert', idField: 'alertId' })
  @Visibility(CLINICAL_DETAIL_POLICY)
  @ApiIfMatch()
  @ApiOkResponse({ description: 'Acknowledged with the action taken; acknowledging again changes nothing. ETag: the alert’s revision.' })
  async acknowledge(
    @Param() params: RiskAlertIdParams,
    @Body() body: AcknowledgeRiskAlertRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CorrelationId() correlationId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<AcknowledgedAlert> {
    return runCommandCall({ ifMatch, correlationId, principal, response }, (who) => actorOf(who, RISK_ALERT_ROLES), (context) =>
      this.acknowledgeHandler.handle(params.id, body, context),
    );
  }
}
