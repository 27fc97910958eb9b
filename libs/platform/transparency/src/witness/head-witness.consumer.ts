import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type TreeHeadSignedV1, treeHeadSignedV1Contract } from '@stepwell/contracts';
import { type IntegrationEvent, integrationEventPattern, processOnce } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import { announcementOf } from '../heads/head-publisher';
import { HeadWitness } from './head-witness';

/** The inbox consumer name of every service's witness. */
export const TRANSPARENCY_WITNESS_CONSUMER = 'transparency-witness';

/** A head announced for a log other than its producer's: a producer cannot speak for another's log. */
export class ForeignLogHeadError extends Error {
  readonly code = 'TREE_HEAD_OF_ANOTHER_LOG' as const;
  readonly permanent = true;

  constructor(source: string, log: string) {
    super(`${source} announced a tree head of the ${log} log`);
    this.name = 'ForeignLogHeadError';
  }
}

/**
 * Every service as a witness of the others' transparency logs (issue 19 point 2, docs/audit.md): each
 * `<producer>.tree-head-signed` it reads (the service consumes every other producer's topic, `witnesses` in its
 * messaging options) is checked against what it holds of that log and countersigned or alerted on by `HeadWitness`,
 * once per message (the inbox, in the same transaction as the witness's rows); each alert is then appended to the
 * service's own log as a `WitnessAlertRaised` event (`HeadWitness.recordAlertEvents`). A refusal is a result, not a failure:
 * the alert row is the record, and the message is not retried. Its own log's heads never reach it (a service does
 * not consume its own topic).
 */
@Controller()
export class HeadWitnessConsumer {
  private readonly logger = new Logger('TransparencyWitness');

  constructor(
    @Inject(HeadWitness) private readonly witness: HeadWitness,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  // @stepwell/service-host composes this library, so its `@OnIntegrationEvent` is out of reach here: the same pattern,
  // registered with Nest's untyped `EventPattern<string>` overload (the typed one refuses a typed payload).
  @EventPattern<string>(integrationEventPattern(treeHeadSignedV1Contract('referrals')))
  onReferralsHead(@Payload() event: IntegrationEvent<TreeHeadSignedV1>): Promise<void> {
    return this.witnessed(event);
  }

  @EventPattern<string>(integrationEventPattern(treeHeadSignedV1Contract('scheduling')))
  onSchedulingHead(@Payload() event: IntegrationEvent<TreeHeadSignedV1>): Promise<void> {
    return this.witnessed(event);
  }

  @EventPattern<string>(integrationEventPattern(treeHeadSignedV1Contract('consultations')))
  onConsultationsHead(@Payload() event: IntegrationEvent<TreeHeadSignedV1>): Promise<void> {
    return this.witnessed(event);
  }

  @EventPattern<string>(integrationEventPattern(treeHeadSignedV1Contract('outcomes')))
  onOutcomesHead(@Payload() event: IntegrationEvent<TreeHeadSignedV1>): Promise<void> {
    return this.witnessed(event);
  }

  @EventPattern<string>(integrationEventPattern(treeHeadSignedV1Contract('directory')))
  onDirectoryHead(@Payload() event: IntegrationEvent<TreeHeadSignedV1>): Promise<void> {
    return this.witnessed(event);
  }

  async witnessed(event: IntegrationEvent<TreeHeadSignedV1>): Promise<void> {
    if (event.data.log !== event.source) throw new ForeignLogHeadError(event.source, event.data.log);
    const announcement = announcementOf(event.data);
    await processOnce(this.dataSource, TRANSPARENCY_WITNESS_CONSUMER, event.messageId, async (manager) => {
      const outcome = await this.witness.witness(announcement, manager);
      // Sizes, key ids and reasons only: a head carries no event content.
      for (const reason of outcome.verdict.alerts) {
        this.logger.warn(`witness alert ${reason}: ${announcement.head.log} head of size ${announcement.head.treeSize} (key ${announcement.head.keyId})`);
      }
    });
    // The alerts also enter this service's own log, after the rows committed; idempotent, and a redelivery (the inbox
    // skips the rows) completes what a crash between the two left undone.
    await this.witness.recordAlertEvents(announcement.head.log);
  }
}
