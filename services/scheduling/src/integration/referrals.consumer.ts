import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ReferralReceivedV1Contract,
  ReferralWithdrawnV1Contract,
  type ReferralReceivedV1,
  type ReferralWithdrawnV1,
} from '@stepwell/contracts';
import { type IntegrationEvent, processOnce } from '@stepwell/messaging';
import { OnIntegrationEvent } from '@stepwell/service-host';
import { DataSource } from 'typeorm';
import { secondaryUseOptOutConsumer } from '@stepwell/personal-data';

/** The inbox name of this consumer (one per consuming service). */
export const SCHEDULING_CONSUMER = 'scheduling';

/** The national data opt-out (issue 15 item 5), kept for the waits metrics, which leave opted-out people out. */
export const SchedulingOptOutConsumer = secondaryUseOptOutConsumer(SCHEDULING_CONSUMER);

const TABLE = '"scheduling"."referral_intake"';

/**
 * Keeps `referral_intake` from the referrals service's events. Each message takes effect once: its id goes into
 * the inbox in the same transaction as the row change. Both upserts commute, so the order in which a referral's
 * two events arrive does not matter.
 */
@Controller()
export class ReferralsConsumer {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @OnIntegrationEvent(ReferralReceivedV1Contract)
  async onReferralReceived(@Payload() event: IntegrationEvent<ReferralReceivedV1>): Promise<void> {
    const { referralId, receivingOrganisationId, urgency, receivedAt } = event.data;
    await processOnce(this.dataSource, SCHEDULING_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${TABLE} AS t (referral_id, receiving_organisation_id, urgency, received_at, events_applied)
         VALUES ($1, $2, $3, $4, 1)
         ON CONFLICT (referral_id) DO UPDATE SET
           receiving_organisation_id = EXCLUDED.receiving_organisation_id,
           urgency = EXCLUDED.urgency,
           received_at = EXCLUDED.received_at,
           events_applied = t.events_applied + 1`,
        [referralId, receivingOrganisationId, urgency, receivedAt],
      );
    });
  }

  @OnIntegrationEvent(ReferralWithdrawnV1Contract)
  async onReferralWithdrawn(@Payload() event: IntegrationEvent<ReferralWithdrawnV1>): Promise<void> {
    const { referralId, withdrawnAt } = event.data;
    await processOnce(this.dataSource, SCHEDULING_CONSUMER, event.messageId, async (manager) => {
      await manager.query(
        `INSERT INTO ${TABLE} AS t (referral_id, withdrawn_at, events_applied) VALUES ($1, $2, 1)
         ON CONFLICT (referral_id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at, events_applied = t.events_applied + 1`,
        [referralId, withdrawnAt],
      );
    });
  }
}
