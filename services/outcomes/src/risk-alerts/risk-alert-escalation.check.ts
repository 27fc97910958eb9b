import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import { type CommandHandler } from '@stepwell/commands';
import { DataSource } from 'typeorm';
import {
  questionnaireResponseStreamId,
  type QuestionnaireResponseCommand,
  type QuestionnaireResponseEvent,
  type QuestionnaireResponseState,
} from '../domain';
import { RESPONSE_COMMANDS } from '../shared/outcomes-commands';
import { RISK_ALERT_POLICY, type RiskAlertPolicy } from './risk-alert-policy';
import { CLOCK, type Clock } from '@stepwell/http';
import { type Leadership, quotedSchema, SERVICE_LEADERSHIP } from '@stepwell/read-models';

/**
 * The scheduled check that keeps risk alerts from expiring silently: every alert still open past the policy's
 * limit is escalated once (RiskAlertEscalated, published as outcomes.risk-alert-escalated). Time comes from the
 * injected clock; the decider re-checks the alert's state, so a stale read model never escalates an
 * acknowledged alert, and two instances running the check at once append one escalation (same event id).
 */
@Injectable()
export class RiskAlertEscalationCheck implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RiskAlertEscalationCheck.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(RESPONSE_COMMANDS)
    private readonly responses: CommandHandler<QuestionnaireResponseCommand, QuestionnaireResponseEvent, QuestionnaireResponseState>,
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RISK_ALERT_POLICY) private readonly policy: RiskAlertPolicy,
    // Several instances: the interval runs on the leading one only (runOnce itself stays callable anywhere).
    @Optional() @Inject(SERVICE_LEADERSHIP) private readonly leadership: Leadership | null = null,
  ) {}

  onApplicationBootstrap(): void {
    if (this.policy.checkEverySeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.leadership && !this.leadership.isLeader) return;
      void this.runOnce().catch((error: unknown) =>
        this.logger.error(`risk alert escalation check failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, this.policy.checkEverySeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Escalates every overdue open alert; resolves with how many were escalated now. */
  async runOnce(): Promise<number> {
    this.running ??= this.escalateOverdue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async escalateOverdue(): Promise<number> {
    const now = new Date(this.clock.now());
    const dueBefore = new Date(now.getTime() - this.policy.acknowledgeWithinMinutes * 60_000);
    const overdue = (await this.dataSource.query(
      `SELECT alert_id, patient_subject_id, organisation_id FROM ${quotedSchema(this.dataSource)}."risk_alert"
        WHERE status = 'open' AND escalated_at IS NULL AND raised_at <= $1 ORDER BY raised_at`,
      [dueBefore],
    )) as Array<{ alert_id: string; patient_subject_id: string; organisation_id: string }>;
    let escalated = 0;
    for (const alert of overdue) {
      const escalatedAt = now.toISOString();
      const result = await this.responses.handle(
        questionnaireResponseStreamId(alert.alert_id),
        { type: 'EscalateRiskAlert', data: { alertId: alert.alert_id, acknowledgeWithinMinutes: this.policy.acknowledgeWithinMinutes, escalatedAt } },
        {
          metadata: {
            occurredAt: escalatedAt,
            correlationId: deterministicUuid(`outcomes/risk-alert-escalation/${alert.alert_id}`),
            causationId: null,
            actor: { userId: 'system:risk-alert-escalation', organisationId: alert.organisation_id, role: 'system' },
            patientSubjectId: alert.patient_subject_id,
          },
          idempotencyKey: `escalation-${alert.alert_id}`,
        },
      );
      escalated += result.events.length;
    }
    return escalated;
  }
}
