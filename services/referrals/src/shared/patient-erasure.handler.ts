import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { deterministicUuid } from '@stepwell/decider';
import { type Actor, EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { DATA_KEY_STORE, type DataKeyStore } from '@stepwell/personal-data';
import {
  erasureStreamId,
  patientErasureDecider,
  type PatientErasureCommand,
  type PatientErasureEvent,
  type PatientErasureState,
} from '../domain/patient-erasure/patient-erasure.decider';
import { PatientIndex } from './patient-index';
import type { PatientErasureRequest, PatientErasureView } from './patient-erasure.request';

export const PATIENT_ERASURE_COMMANDS = 'PATIENT_ERASURE_COMMANDS';

export const patientErasureCommandsProvider: Provider = {
  provide: PATIENT_ERASURE_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, patientErasureDecider),
  inject: [EVENT_STORE],
};

/** The name this service confirms its shredding under. */
const SERVICE = 'referrals';

/**
 * Erasure by shredding (issue 15): records the privacy officer's decision in `erasure-<id>` (relayed as
 * `referrals.patient-erasure-decided`, so every other service with a key store shreds too), destroys this service's
 * keys of the person (the record and the records merged into it), and confirms with `PersonalDataKeysShredded`.
 * A crash between the steps is completed by repeating the request: each step is idempotent.
 */
@Injectable()
export class PatientErasureHandler {
  constructor(
    @Inject(PATIENT_ERASURE_COMMANDS) private readonly erasures: CommandHandler<PatientErasureCommand, PatientErasureEvent, PatientErasureState>,
    @Inject(DATA_KEY_STORE) private readonly keys: DataKeyStore,
    private readonly index: PatientIndex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    patientSubjectId: string,
    request: PatientErasureRequest,
    context: { correlationId: string; actor: Actor; expectedRevision?: number; idempotencyKey?: string },
  ): Promise<{ view: PatientErasureView; revision: number; replayed: boolean }> {
    const streamId = erasureStreamId(patientSubjectId);
    const decidedAt = this.clock.now();
    const metadata = requestMetadata(context.correlationId, decidedAt, context.actor, patientSubjectId);
    const erasureId = context.idempotencyKey
      ? deterministicUuid(`referrals/erasure/${context.actor.organisationId}/${patientSubjectId}/${context.idempotencyKey}`)
      : randomUUID();
    const patientSubjectIds = [patientSubjectId, ...(await this.index.duplicatesOf(patientSubjectId))];
    const decided = await this.erasures.handle(
      streamId,
      {
        type: 'DecideErasure',
        data: {
          erasureId,
          patientSubjectId,
          patientSubjectIds,
          lawfulBasis: request.lawfulBasis,
          reason: request.reason,
          decidedByOrganisation: context.actor.organisationId,
          decidedAt,
        },
      },
      {
        metadata,
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
        ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
      },
    );
    const erasure = decided.replayed
      ? decided.state.erasures.find((candidate) => candidate.erasureId === (decided.events[0]?.data as { erasureId?: string } | undefined)?.erasureId)
      : decided.state.erasures.at(-1);
    if (!erasure) throw new Error('The erasure just decided is not in its stream');

    let keysShredded = 0;
    for (const subject of erasure.patientSubjectIds) keysShredded += (await this.keys.shred(subject)).shreddedNow.length;
    const confirmed = await this.erasures.handle(
      streamId,
      { type: 'RecordKeysShredded', data: { erasureId: erasure.erasureId, service: SERVICE, keysShredded, shreddedAt: this.clock.now() } },
      { metadata: { ...metadata, causationId: erasure.erasureId } },
    );
    const final = confirmed.state.erasures.find((candidate) => candidate.erasureId === erasure.erasureId) ?? erasure;
    return {
      view: {
        erasureId: final.erasureId,
        patientSubjectId: final.patientSubjectId,
        patientSubjectIds: final.patientSubjectIds,
        lawfulBasis: final.lawfulBasis,
        decidedAt: final.decidedAt,
        confirmedBy: final.confirmedBy,
      },
      revision: confirmed.revision ?? decided.revision ?? 0,
      replayed: decided.replayed,
    };
  }
}
