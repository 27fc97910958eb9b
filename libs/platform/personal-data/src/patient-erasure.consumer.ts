import { Controller, Inject, Logger, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PatientErasureDecidedV1Contract, type PatientErasureDecidedV1 } from '@stepwell/contracts';
import { type IntegrationEvent, OnIntegrationEvent, processOnce } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import type { DataKeyStore } from './data-key-store';
import { DATA_KEY_STORE } from './personal-data';

/**
 * The consumer of `referrals.patient-erasure-decided` (issue 15 item 2) for a service that seals personal fields with
 * its own key store, whose inbox is `consumer`: it shreds the keys of the person and of every record merged into
 * them, so that their sealed fields read `[erased]` here too — events, read models rebuilt from them, everything —
 * while the history (who did what, when) and every hash stay. Shredding is idempotent; the message is taken once
 * through the inbox. Add the class to the controllers of a service that provides `DATA_KEY_STORE`.
 */
export function patientErasureConsumer(consumer: string): Type<unknown> {
  @Controller()
  class PatientErasureConsumer {
    private readonly log = new Logger('PatientErasure');

    constructor(
      readonly dataSource: DataSource,
      @Inject(DATA_KEY_STORE) readonly keys: DataKeyStore,
    ) {}

    @OnIntegrationEvent(PatientErasureDecidedV1Contract)
    async onErasureDecided(@Payload() event: IntegrationEvent<PatientErasureDecidedV1>): Promise<void> {
      await processOnce(this.dataSource, consumer, event.messageId, async () => {
        let shredded = 0;
        for (const subject of event.data.patientSubjectIds) shredded += (await this.keys.shred(subject)).shreddedNow.length;
        // Ids and counts only: the erasure's own id, never the person's.
        this.log.log(`erasure ${event.data.erasureId}: ${shredded} data key(s) shredded here`);
      });
    }
  }
  return PatientErasureConsumer;
}
