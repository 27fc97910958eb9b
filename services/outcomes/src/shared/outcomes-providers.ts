import type { Provider } from '@nestjs/common';
import { projectionRunnerProvider } from '@stepwell/read-models';
import type { OutcomesConfig } from '../config';
import { EpisodeFactsReader } from './episode-facts.reader';
import { EpisodeOutcomeEvaluator } from '../episode-outcomes/episode-outcome.evaluator';
import { ruleSetsProvider } from './rule-set-registry.provider';
import { INVITATION_POLICY, type InvitationPolicy } from '../invitations/invitation-policy';
import { InvitationsHandler } from '../invitations/invitations.handler';
import { MeasureSeriesQueryHandler } from '../measures/measure-series.query';
import { outcomesCommandProviders } from './outcomes-commands';
import { OutcomesProjection } from '../read-models/outcomes.projection';
import { OutcomeEvaluationReactor } from '../episode-outcomes/outcome-evaluation.reactor';
import { RecordResponseHandler } from '../record-response/record-response.handler';
import { AcknowledgeRiskAlertHandler } from '../risk-alerts/acknowledge-risk-alert.handler';
import { ListRiskAlertsQuery } from '../risk-alerts/list-risk-alerts.query';
import { RiskAlertEscalationCheck } from '../risk-alerts/risk-alert-escalation.check';
import { RISK_ALERT_POLICY, type RiskAlertPolicy } from '../risk-alerts/risk-alert-policy';
import { EpisodeOwnership } from './episode-ownership';
import { EpisodeLookup } from './episode.lookup';
import { CLOCK, systemClock } from '@stepwell/http';

/** The outcomes service's own providers (the platform's come from servicePlatformModules). */
export function outcomesProviders(config: OutcomesConfig): Provider[] {
  const policy: RiskAlertPolicy = {
    acknowledgeWithinMinutes: config.RISK_ALERT_ACKNOWLEDGE_WITHIN_MINUTES,
    checkEverySeconds: config.RISK_ALERT_CHECK_EVERY_SECONDS,
  };
  const invitations: InvitationPolicy = { validHours: config.INVITATION_VALID_HOURS, requestsPerMinute: config.INVITATION_REQUESTS_PER_MINUTE };
  return [
    ...outcomesCommandProviders,
    { provide: INVITATION_POLICY, useValue: invitations },
    InvitationsHandler,
    { provide: CLOCK, useValue: systemClock },
    { provide: RISK_ALERT_POLICY, useValue: policy },
    ruleSetsProvider,
    EpisodeLookup,
    EpisodeOwnership,
    EpisodeFactsReader,
    EpisodeOutcomeEvaluator,
    OutcomesProjection,
    OutcomeEvaluationReactor,
    // The read models, and the outcome evaluation once they hold a new score or problem descriptor.
    projectionRunnerProvider({ projections: [OutcomesProjection], reactors: [OutcomeEvaluationReactor] }),
    RecordResponseHandler,
    ListRiskAlertsQuery,
    AcknowledgeRiskAlertHandler,
    RiskAlertEscalationCheck,
    MeasureSeriesQueryHandler,
  ];
}
