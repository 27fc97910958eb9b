import { Inject, Injectable } from '@nestjs/common';
import { CareRelationshipService, type Principal } from '@stepwell/access';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import {
  OutcomesDomainError,
  questionnaireResponseStreamId,
  type QuestionnaireResponseCommand,
  type QuestionnaireResponseEvent,
  type QuestionnaireResponseState,
} from '../domain';
import { RESPONSE_COMMANDS } from '../shared/outcomes-commands';
import type { AcknowledgeRiskAlertRequest } from './acknowledge-risk-alert.request';
import { CLOCK, type Clock } from '@stepwell/http';

export interface AcknowledgedAlert {
  alertId: string;
  patientSubjectId: string;
  status: 'acknowledged';
  actionTaken: string;
  acknowledgedAt: string;
  /** False when it had already been acknowledged (the first acknowledgement stands). */
  changed: boolean;
}

@Injectable()
export class AcknowledgeRiskAlertHandler {
  constructor(
    @Inject(RESPONSE_COMMANDS)
    private readonly responses: CommandHandler<QuestionnaireResponseCommand, QuestionnaireResponseEvent, QuestionnaireResponseState>,
    private readonly relationships: CareRelationshipService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The alert lives in its response's stream (same id); the caller's organisation needs a care relationship first,
   * and only the organisation the alert is addressed to may acknowledge (close) it: anyone else gets 403
   * (RISK_ALERT_NOT_ADDRESSED_TO_CALLER, decided by the decider on the stream's own state) and nothing is written.
   */
  async handle(
    alertId: string,
    request: AcknowledgeRiskAlertRequest,
    context: { correlationId: string; actor: Actor; principal: Principal; expectedRevision?: number },
  ): Promise<{ view: AcknowledgedAlert; revision: number }> {
    const streamId = questionnaireResponseStreamId(alertId);
    const { state } = await this.responses.load(streamId);
    if (state.status !== 'Recorded' || !state.alert) {
      throw new OutcomesDomainError('RISK_ALERT_NOT_FOUND', `no risk alert ${alertId}`, { alertId });
    }
    const patientSubjectId = state.response.patientSubjectId;
    await this.relationships.assertRelationship(context.principal, patientSubjectId);
    const acknowledgedAt = this.clock.now();
    const result = await this.responses.handle(
      streamId,
      {
        type: 'AcknowledgeRiskAlert',
        data: { alertId, actionTaken: request.actionTaken, note: request.note ?? null, acknowledgedAt, byOrganisationId: context.principal.organisationId },
      },
      {
        metadata: requestMetadata(context.correlationId, acknowledgedAt, context.actor, patientSubjectId),
        // The caller's If-Match (the ETag of the response's stream): another revision is refused with 412.
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      },
    );
    const revision = result.revision ?? 0;
    if (result.events.some((e) => e.type === 'RiskAlertAcknowledged')) {
      return { view: { alertId, patientSubjectId, status: 'acknowledged', actionTaken: request.actionTaken, acknowledgedAt, changed: true }, revision };
    }
    // Already acknowledged: report the first acknowledgement.
    const { recorded } = await this.responses.load(streamId);
    const first = recorded.find((e) => e.type === 'RiskAlertAcknowledged');
    const data = first?.data as { actionTaken: string; acknowledgedAt: string } | undefined;
    return {
      view: {
        alertId,
        patientSubjectId,
        status: 'acknowledged',
        actionTaken: data?.actionTaken ?? request.actionTaken,
        acknowledgedAt: data?.acknowledgedAt ?? acknowledgedAt,
        changed: false,
      },
      revision,
    };
  }
}
