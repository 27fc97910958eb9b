import { Controller, type Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { NationalDataOptOutChangedV1Contract, type NationalDataOptOutChangedV1 } from '@stepwell/contracts';
import { type IntegrationEvent, integrationEventPattern, processOnce } from '@stepwell/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { createSecondaryUseOptOutsTable, dropSecondaryUseOptOutsTable, recordSecondaryUseOptOut } from './secondary-use-opt-outs';
import { readModelSchema } from '@stepwell/read-models';


/** The table in the service's read-model schema; list it in the service's migrations (after the platform's). */
export class CreateSecondaryUseOptOuts1765000000000 implements MigrationInterface {
  name = 'CreateSecondaryUseOptOuts1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await createSecondaryUseOptOutsTable(runner, readModelSchema(runner));
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropSecondaryUseOptOutsTable(runner, readModelSchema(runner));
  }
}

/**
 * The consumer of `referrals.national-data-opt-out-changed` for a service whose inbox is `consumer`: each message
 * applied once (the platform's inbox), the latest change kept. Add the class to the service's controllers, the
 * migration to its migrations, and `notOptedOut(...)` to each of its secondary-use outputs.
 */
export function secondaryUseOptOutConsumer(consumer: string): Type<unknown> {
  @Controller()
  class SecondaryUseOptOutConsumer {
    constructor(readonly dataSource: DataSource) {}

    // @stepwell/service-host composes this library, so its `@OnIntegrationEvent` is out of reach here: the same pattern,
    // registered with Nest's untyped `EventPattern<string>` overload (the typed one refuses a typed payload).
    @EventPattern<string>(integrationEventPattern(NationalDataOptOutChangedV1Contract))
    async onOptOutChanged(@Payload() event: IntegrationEvent<NationalDataOptOutChangedV1>): Promise<void> {
      const patientSubjectId = event.patientSubjectId;
      // The contract names its person in the envelope; a message without one changes nothing.
      if (!patientSubjectId) return;
      await processOnce(this.dataSource, consumer, event.messageId, async (manager) => {
        await recordSecondaryUseOptOut(manager, readModelSchema(this.dataSource), {
          patientSubjectId,
          optedOut: event.data.optedOut,
          changedAt: event.data.changedAt,
        });
      });
    }
  }
  return SecondaryUseOptOutConsumer;
}
