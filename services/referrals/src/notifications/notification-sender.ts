import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { deterministicUuid } from '@stepwell/decider';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { DataSource } from 'typeorm';
import { NOTIFICATION_SENDING, type NotificationSending } from '../config';
import type { AcknowledgementRecipient } from '../domain/referral.decider';
import type { NotificationRequest } from '../shared/notification.port';
import { DeliveryFailure, NOTIFICATION_DELIVERY, type NotificationDelivery } from './notification-delivery.port';
import { notificationDeliveryDecider, notificationStreamId, type NotificationDeliveryCommand } from './notification-delivery.decider';
import { type Leadership, SERVICE_LEADERSHIP } from '@stepwell/read-models';
import { CONTACT_CHANNELS, type ConsentsCommand, consentsDecider, type ConsentsEvent, type ConsentsState, consentsStreamId, contactAllowed } from '../domain/consents/consents.decider';

interface DueRow {
  id: string;
  kind: NotificationRequest['kind'];
  referral_id: string;
  patient_subject_id: string;
  sender_organisation: string;
  recipient_kind: AcknowledgementRecipient['kind'];
  recipient_organisation: string | null;
  channel: NotificationRequest['channel'];
  requested_at: Date;
  attempts: number;
}

/** Seconds to wait before attempt `attempt + 1` after `attempt` failed: doubling from the base, capped. */
export function backoffSeconds(attempt: number, policy: Pick<NotificationSending, 'backoffBaseSeconds' | 'backoffMaxSeconds'>): number {
  return Math.min(policy.backoffMaxSeconds, policy.backoffBaseSeconds * 2 ** Math.max(0, attempt - 1));
}

/**
 * Drains the notification requests (issue 12 item 18): claims due rows (a lease, so two senders never take the
 * same row and a crashed sender's claim lapses), delivers each through the configured adapter, records
 * `NotificationSent` (once, in `notification-<id>`) and marks the row sent; a retryable failure is tried again after
 * an exponential backoff, up to the maximum attempts, then recorded as `NotificationDeliveryFailed` and left
 * visible. Logs counts and failure codes only: no recipient, contact detail or subject id.
 * Time is the caller's (`runOnce(now)`): the interval passes the system time, tests instants from the test clock.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationSender.name);
  private readonly outcomes: CommandHandler<NotificationDeliveryCommand, ReturnType<typeof notificationDeliveryDecider.decide>[number], typeof notificationDeliveryDecider.initialState>;
  /** Read only: the person's contact consents at the moment of sending. */
  private readonly consents: CommandHandler<ConsentsCommand, ConsentsEvent, ConsentsState>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ sent: number; retried: number; failed: number }> | null = null;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_DELIVERY) private readonly delivery: NotificationDelivery | null,
    @Inject(NOTIFICATION_SENDING) private readonly policy: NotificationSending,
    // Several instances: the interval runs on the leading one only (runOnce itself stays callable anywhere).
    @Optional() @Inject(SERVICE_LEADERSHIP) private readonly leadership: Leadership | null = null,
  ) {
    this.outcomes = new CommandHandler(store, notificationDeliveryDecider);
    this.consents = new CommandHandler(store, consentsDecider);
  }

  onApplicationBootstrap(): void {
    if (this.delivery === null || this.policy.sendEverySeconds <= 0) return;
    this.timer = setInterval(() => {
      if (this.leadership && !this.leadership.isLeader) return;
      void this.runOnce(new Date()).catch((error: unknown) =>
        this.logger.error(`notification sender failed: ${error instanceof Error ? error.name : 'unknown error'}`),
      );
    }, this.policy.sendEverySeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over the due requests as of `now`. */
  async runOnce(now: Date): Promise<{ sent: number; retried: number; failed: number }> {
    this.running ??= this.drain(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(now: Date): Promise<{ sent: number; retried: number; failed: number }> {
    const tally = { sent: 0, retried: 0, failed: 0 };
    if (this.delivery === null) return tally;
    const lease = new Date(now.getTime() + this.policy.claimLeaseSeconds * 1000);
    // Claim: attempts counted and the row hidden from other senders until the lease ends.
    const claimed = (await this.dataSource.query(
      `UPDATE "referrals"."notification_requests" SET attempts = attempts + 1, next_attempt_at = $2
        WHERE id IN (
          SELECT id FROM "referrals"."notification_requests"
           WHERE sent_at IS NULL AND failed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
           ORDER BY requested_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, referral_id, patient_subject_id, sender_organisation, recipient_kind, recipient_organisation, channel, requested_at, attempts`,
      [now, lease, this.policy.batchSize],
    )) as [DueRow[], number] | DueRow[];
    const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as DueRow[];
    for (const row of rows) {
      const outcome = await this.deliverOne(row, now);
      tally[outcome] += 1;
    }
    if (tally.failed > 0 || tally.retried > 0) this.logger.warn(`notifications: ${tally.sent} sent, ${tally.retried} to retry, ${tally.failed} failed`);
    return tally;
  }

  /**
   * A text or email to the person goes only by the channels they have not withdrawn (issue 15 item 5, hazard H-CS2),
   * as their consents stand at the moment of sending: narrowed to the one left, or a letter when none is left. The
   * change is recorded in the notification's stream (`NotificationChannelRestricted`) and a letter kept on the row.
   */
  private async honourContactConsent(row: DueRow, request: NotificationRequest, now: Date): Promise<NotificationRequest> {
    if (row.recipient_kind !== 'patient' || row.channel !== 'text-or-email') return request;
    const { state } = await this.consents.load(consentsStreamId(row.patient_subject_id));
    const contactChannels = CONTACT_CHANNELS.filter((channel) => contactAllowed(state, channel));
    if (contactChannels.length === CONTACT_CHANNELS.length) return request;
    const channel = contactChannels.length === 0 ? 'letter' : 'text-or-email';
    const decidedAt = now.toISOString();
    await this.record(
      row,
      {
        type: 'RestrictNotificationChannel',
        data: { notificationId: row.id, referralId: row.referral_id, requested: row.channel, channel, contactChannels: [...contactChannels], reason: 'contact-consent-withdrawn', decidedAt },
      },
      decidedAt,
      `restricted-${channel}-${contactChannels.join('-')}`,
    );
    if (channel === 'letter') {
      await this.dataSource.query(`UPDATE "referrals"."notification_requests" SET channel = 'letter' WHERE id = $1`, [row.id]);
      return { ...request, channel };
    }
    return { ...request, contactChannels };
  }

  private async deliverOne(row: DueRow, now: Date): Promise<'sent' | 'retried' | 'failed'> {
    const delivery = this.delivery as NotificationDelivery;
    const requested: NotificationRequest = {
      id: row.id,
      kind: row.kind,
      referralId: row.referral_id,
      patientSubjectId: row.patient_subject_id,
      senderOrganisation: row.sender_organisation,
      recipient: row.recipient_kind === 'organisation' ? { kind: 'organisation', organisationId: row.recipient_organisation as string } : { kind: 'patient' },
      channel: row.channel,
      requestedAt: new Date(row.requested_at).toISOString(),
    };
    const request = await this.honourContactConsent(row, requested, now);
    const facts = { notificationId: row.id, referralId: row.referral_id, kind: row.kind, channel: request.channel, adapter: delivery.name, attempts: row.attempts };
    try {
      const { reference } = await delivery.deliver(request);
      const sentAt = now.toISOString();
      await this.record(row, { type: 'MarkNotificationSent', data: { ...facts, reference, sentAt } }, sentAt, 'sent');
      await this.dataSource.query(
        `UPDATE "referrals"."notification_requests" SET sent_at = $2, delivery_reference = $3, last_error = NULL WHERE id = $1`,
        [row.id, now, reference],
      );
      return 'sent';
    } catch (error) {
      const failure = error instanceof DeliveryFailure ? error : new DeliveryFailure('adapter-error', true);
      if (failure.retryable && row.attempts < this.policy.maxAttempts) {
        const next = new Date(now.getTime() + backoffSeconds(row.attempts, this.policy) * 1000);
        await this.dataSource.query(`UPDATE "referrals"."notification_requests" SET next_attempt_at = $2, last_error = $3 WHERE id = $1`, [row.id, next, failure.code]);
        return 'retried';
      }
      const failedAt = now.toISOString();
      await this.record(row, { type: 'MarkNotificationFailed', data: { ...facts, code: failure.code, failedAt } }, failedAt, 'failed');
      await this.dataSource.query(`UPDATE "referrals"."notification_requests" SET failed_at = $2, last_error = $3 WHERE id = $1`, [row.id, now, failure.code]);
      return 'failed';
    }
  }

  private async record(row: DueRow, command: NotificationDeliveryCommand, at: string, what: string): Promise<void> {
    await this.outcomes.handle(notificationStreamId(row.id), command, {
      metadata: {
        occurredAt: at,
        correlationId: deterministicUuid(`referrals/notification/${row.id}`),
        causationId: null,
        actor: { userId: 'system:notification-sender', organisationId: row.sender_organisation, role: 'system' },
        patientSubjectId: row.patient_subject_id,
      },
      idempotencyKey: `notification-${what}-${row.id}`,
    });
  }
}
