import { Controller, Inject, Logger, Optional, type Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  PATIENT_ERASURE_CONFIRMED_V1,
  PatientErasureDecidedV1Contract,
  type ErasureConfirmingService,
  type PatientErasureConfirmedV1,
  type PatientErasureDecidedV1,
} from '@stepwell/contracts';
import { deterministicUuid } from '@stepwell/decider';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { CLOCK, type Clock, systemClock } from '@stepwell/http';
import { createIntegrationEvent, type IntegrationEvent, integrationEventPattern, processOnce } from '@stepwell/messaging';
import { DataSource } from 'typeorm';
import type { DataKeyStore } from './data-key-store';
import { DATA_KEY_STORE } from './personal-data';

/**
 * The stream category of a service's erasure confirmations: one stream per erasure, `shredding-<erasure id>`,
 * holding one `PersonalDataKeysShredded`. Add it to the relay's categories and `mapErasureConfirmation` to its map.
 */
export const KEYS_SHREDDED_CATEGORY = 'shredding';
export const keysShreddedStreamId = (erasureId: string): string => `${KEYS_SHREDDED_CATEGORY}-${erasureId}`;

/** A service destroyed its data keys of a person for an erasure: its own record of it, the source of its confirmation. */
export interface PersonalDataKeysShreddedData {
  erasureId: string;
  patientSubjectIds: string[];
  service: ErasureConfirmingService;
  /** Keys destroyed by this service for the erasure (0 when it held none). */
  keysShredded: number;
  shreddedAt: string;
}
export const PERSONAL_DATA_KEYS_SHREDDED = 'PersonalDataKeysShredded';

export interface PatientErasureConsumerOptions {
  /** The service's inbox name. */
  consumer: string;
  /** The service confirming: its confirmation is `<service>.patient-erasure-confirmed` v1 on its own topic. */
  service: ErasureConfirmingService;
}

/**
 * The consumer of `referrals.patient-erasure-decided` (issue 15 item 2) for a service that seals personal fields with
 * its own key store: it shreds the keys of the person and of every record merged into them, so that their sealed
 * fields read `[erased]` here too — events, read models rebuilt from them, everything — while the history (who did
 * what, when) and every hash stay; then it records `PersonalDataKeysShredded` in the service's own log (stream
 * `shredding-<erasure id>`), from which the relay publishes `<service>.patient-erasure-confirmed` (with
 * `mapErasureConfirmation`) for referrals to add the service to the erasure's `confirmedBy`.
 *
 * Once per message (inbox). A crash between the steps is completed by the redelivery: shredding is idempotent, and
 * the confirmation is appended only if the erasure's stream does not hold it yet (its event id is derived from the
 * erasure, so a concurrent second append is absorbed or refused by the store, never doubled).
 * Add the class to the controllers of a service that provides `DATA_KEY_STORE`.
 */
export function patientErasureConsumer(options: PatientErasureConsumerOptions): Type<unknown> {
  @Controller()
  class PatientErasureConsumer {
    private readonly log = new Logger('PatientErasure');

    constructor(
      readonly dataSource: DataSource,
      @Inject(DATA_KEY_STORE) readonly keys: DataKeyStore,
      @Inject(EVENT_STORE) readonly store: EventStore,
      @Optional() @Inject(CLOCK) readonly clock: Clock | null,
    ) {}

    // @stepwell/service-host composes this library, so its `@OnIntegrationEvent` is out of reach here: the same pattern,
    // registered with Nest's untyped `EventPattern<string>` overload (the typed one refuses a typed payload).
    @EventPattern<string>(integrationEventPattern(PatientErasureDecidedV1Contract))
    async onErasureDecided(@Payload() event: IntegrationEvent<PatientErasureDecidedV1>): Promise<void> {
      await processOnce(this.dataSource, options.consumer, event.messageId, async () => {
        const { erasureId, patientSubjectIds } = event.data;
        let shredded = 0;
        for (const subject of patientSubjectIds) shredded += (await this.keys.shred(subject)).shreddedNow.length;
        const streamId = keysShreddedStreamId(erasureId);
        if ((await this.store.readStream(streamId)).length === 0) {
          const data: PersonalDataKeysShreddedData = {
            erasureId,
            patientSubjectIds,
            service: options.service,
            keysShredded: shredded,
            shreddedAt: (this.clock ?? systemClock).now(),
          };
          await this.store.appendToStream(
            streamId,
            [
              {
                id: deterministicUuid(`${options.service}/keys-shredded/${erasureId}`),
                type: PERSONAL_DATA_KEYS_SHREDDED,
                data,
                metadata: {
                  occurredAt: data.shreddedAt,
                  correlationId: event.correlationId,
                  causationId: event.messageId,
                  actor: { userId: `system:${options.service}-erasure`, organisationId: event.data.decidedByOrganisationId, role: 'system' },
                  // The record the erasure is about: the Kafka key of the confirmation, as of the decision.
                  ...(patientSubjectIds[0] === undefined ? {} : { patientSubjectId: patientSubjectIds[0] }),
                  schemaVersion: 1,
                },
              },
            ],
            { expectedRevision: 'no_stream' },
          );
        }
        // Ids and counts only: the erasure's own id, never the person's.
        this.log.log(`erasure ${erasureId}: ${shredded} data key(s) shredded here`);
      });
    }
  }
  return PatientErasureConsumer;
}

/**
 * The relay's mapping of a service's erasure confirmations (stream category `KEYS_SHREDDED_CATEGORY`) to its
 * `<service>.patient-erasure-confirmed` v1: ids, a count and a time, published from the committed log. Any other
 * event maps to nothing.
 */
export function mapErasureConfirmation(event: RecordedEvent): IntegrationEvent[] {
  if (event.type !== PERSONAL_DATA_KEYS_SHREDDED || !event.streamId.startsWith(`${KEYS_SHREDDED_CATEGORY}-`)) return [];
  const d = event.data as PersonalDataKeysShreddedData;
  const data: PatientErasureConfirmedV1 = {
    erasureId: d.erasureId,
    patientSubjectIds: d.patientSubjectIds,
    service: d.service,
    keysShredded: d.keysShredded,
    shreddedAt: d.shreddedAt,
  };
  return [
    createIntegrationEvent(PATIENT_ERASURE_CONFIRMED_V1[d.service], data, {
      patientSubjectId: event.metadata.patientSubjectId ?? null,
      occurredAt: event.metadata.occurredAt,
      correlationId: event.metadata.correlationId,
      causationId: event.id,
    }),
  ];
}
