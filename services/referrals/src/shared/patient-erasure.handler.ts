import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type Provider } from '@nestjs/common';
import type { PatientErasureConfirmedV1 } from '@stepwell/contracts';
import { CLOCK, type Clock } from '@stepwell/http';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { deterministicUuid, fold } from '@stepwell/decider';
import { type Actor, EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { DATA_KEY_STORE, type DataKeyStore } from '@stepwell/personal-data';
import { NotFoundError } from '@stepwell/decider';
import type { ReferralsConfig } from '../config';
import {
  ERASURE_CATEGORY,
  ErasureNotFoundError,
  erasureStreamId,
  patientErasureDecider,
  type PatientErasureCommand,
  type PatientErasureEvent,
  type PatientErasureState,
} from '../domain/patient-erasure/patient-erasure.decider';
import { PatientIndex } from './patient-index';
import type { ReferralsErrorCode } from './referrals-error-mappings';
import type { OverdueErasureView, PatientErasureRequest, PatientErasureStatusView, PatientErasureView } from './patient-erasure.request';

export const PATIENT_ERASURE_COMMANDS = 'PATIENT_ERASURE_COMMANDS';

export const patientErasureCommandsProvider: Provider = {
  provide: PATIENT_ERASURE_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, patientErasureDecider),
  inject: [EVENT_STORE],
};

/** Events per read of the erasure category (the overdue check and its worklist page through it). */
const ERASURE_PAGE = 1_000;

/** The name this service confirms its shredding under. */
const SERVICE = 'referrals';

/** Nest token: the services besides referrals expected to confirm an erasure (`ERASURE_CONFIRMING_SERVICES`). */
export const ERASURE_CONFIRMING = Symbol('ERASURE_CONFIRMING');
/** The services that keep per-person keys today and confirm: consultations, the directory and outcomes. */
export const DEFAULT_ERASURE_CONFIRMING: readonly string[] = ['consultations', 'directory', 'outcomes'];

export function erasureConfirmingProvider(config: Pick<ReferralsConfig, 'ERASURE_CONFIRMING_SERVICES'>): Provider {
  return { provide: ERASURE_CONFIRMING, useValue: [SERVICE, ...(config.ERASURE_CONFIRMING_SERVICES ?? DEFAULT_ERASURE_CONFIRMING)] };
}

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
    @Inject(ERASURE_CONFIRMING) private readonly expected: readonly string[],
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  private readonly log = new Logger('PatientErasure');

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
        awaiting: this.awaiting(final.confirmedBy),
      },
      revision: confirmed.revision ?? decided.revision ?? 0,
      replayed: decided.replayed,
    };
  }

  /**
   * Another service's confirmation (`<service>.patient-erasure-confirmed`) appended to the erasure's stream as its
   * `PersonalDataKeysShredded`: the erasure's `confirmedBy` grows. A second confirmation by the same service records
   * nothing; one for an erasure this service never decided is ignored (logged by ids) rather than retried for ever.
   */
  async recordConfirmation(
    service: string,
    confirmation: PatientErasureConfirmedV1,
    cause: { messageId: string; correlationId: string },
  ): Promise<'recorded' | 'already-recorded' | 'unknown-erasure'> {
    const subject = confirmation.patientSubjectIds[0];
    const erasure = subject === undefined ? undefined : (await this.erasures.load(erasureStreamId(subject))).state.erasures.find((e) => e.erasureId === confirmation.erasureId);
    if (subject === undefined || !erasure) {
      this.log.warn(`confirmation by ${service} of an unknown erasure ${confirmation.erasureId}: ignored`);
      return 'unknown-erasure';
    }
    try {
      const result = await this.erasures.handle(
        erasureStreamId(subject),
        { type: 'RecordKeysShredded', data: { erasureId: confirmation.erasureId, service, keysShredded: confirmation.keysShredded, shreddedAt: confirmation.shreddedAt } },
        {
          metadata: {
            occurredAt: confirmation.shreddedAt,
            correlationId: cause.correlationId,
            causationId: cause.messageId,
            actor: { userId: `system:${service}-erasure`, organisationId: erasure.decidedByOrganisation, role: 'system' },
            patientSubjectId: subject,
          },
        },
      );
      return result.events.length > 0 ? 'recorded' : 'already-recorded';
    } catch (error) {
      if (error instanceof ErasureNotFoundError) return 'unknown-erasure';
      throw error;
    }
  }

  /** An erasure's status: who confirmed shredding (with counts and times) and which expected services are awaited. */
  async status(patientSubjectId: string, erasureId: string): Promise<{ view: PatientErasureStatusView; revision: number }> {
    const { state, revision } = await this.erasures.load(erasureStreamId(patientSubjectId));
    const erasure = state.erasures.find((candidate) => candidate.erasureId === erasureId);
    if (!erasure) throw new NotFoundError<ReferralsErrorCode>('ERASURE_NOT_FOUND', `No erasure ${erasureId} was decided for this person`, { erasureId });
    const awaiting = this.awaiting(erasure.confirmedBy);
    return {
      view: {
        erasureId: erasure.erasureId,
        patientSubjectId: erasure.patientSubjectId,
        patientSubjectIds: erasure.patientSubjectIds,
        lawfulBasis: erasure.lawfulBasis,
        decidedAt: erasure.decidedAt,
        decidedByOrganisation: erasure.decidedByOrganisation,
        confirmedBy: erasure.confirmedBy,
        confirmations: erasure.confirmations,
        awaiting,
        complete: awaiting.length === 0,
      },
      revision: revision ?? 0,
    };
  }

  /**
   * Every erasure decided in this service, per person (the `erasure` category, paged): erasures are few, so the overdue
   * check and its worklist read the log rather than keep a read model.
   */
  async allErasures(): Promise<Array<{ patientSubjectId: string; erasure: PatientErasureState['erasures'][number]; awaiting: string[] }>> {
    const byStream = new Map<string, RecordedEvent[]>();
    for (let after: number | undefined; ; ) {
      // The page size asked for, not the adapter's default: a short page is the end on every adapter.
      const page = await this.store.readCategory(ERASURE_CATEGORY, { maxCount: ERASURE_PAGE, ...(after === undefined ? {} : { after }) });
      for (const event of page) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      if (page.length < ERASURE_PAGE) break;
      after = (page.at(-1) as RecordedEvent).globalPosition;
    }
    const found = [];
    for (const [streamId, events] of byStream) {
      const state = fold(patientErasureDecider, events as unknown as PatientErasureEvent[]);
      const patientSubjectId = streamId.slice(ERASURE_CATEGORY.length + 1);
      for (const erasure of state.erasures) found.push({ patientSubjectId, erasure, awaiting: this.awaiting(erasure.confirmedBy) });
    }
    return found;
  }

  /**
   * The privacy officers' worklist (H-PD5): erasures their organisation decided that the overdue check found with
   * confirmations awaited past the wait, and that are still awaiting one. Ids, service names and times only.
   */
  async overdueOf(organisationId: string): Promise<OverdueErasureView[]> {
    return (await this.allErasures())
      .filter(({ erasure, awaiting }) => erasure.decidedByOrganisation === organisationId && erasure.overdue !== undefined && awaiting.length > 0)
      .sort((a, b) => a.erasure.decidedAt.localeCompare(b.erasure.decidedAt) || a.erasure.erasureId.localeCompare(b.erasure.erasureId))
      .map(({ patientSubjectId, erasure, awaiting }) => ({
        id: patientSubjectId,
        erasureId: erasure.erasureId,
        decidedAt: erasure.decidedAt,
        confirmedBy: erasure.confirmedBy,
        awaiting,
        overdueSince: (erasure.overdue as NonNullable<typeof erasure.overdue>).detectedAt,
        overdueDays: (erasure.overdue as NonNullable<typeof erasure.overdue>).overdueDays,
      }));
  }

  /** Records `ErasureConfirmationsOverdue` for one erasure (the check's decision; once per erasure). */
  async markOverdue(patientSubjectId: string, erasure: PatientErasureState['erasures'][number], overdueDays: number, detectedAt: string): Promise<number> {
    const result = await this.erasures.handle(
      erasureStreamId(patientSubjectId),
      { type: 'MarkErasureOverdue', data: { erasureId: erasure.erasureId, awaiting: this.awaiting(erasure.confirmedBy), overdueDays, detectedAt } },
      {
        metadata: {
          occurredAt: detectedAt,
          correlationId: deterministicUuid(`referrals/erasure-overdue/${erasure.erasureId}`),
          causationId: erasure.erasureId,
          actor: { userId: 'system:erasure-overdue-check', organisationId: erasure.decidedByOrganisation, role: 'system' },
          patientSubjectId,
        },
      },
    );
    return result.events.length;
  }

  private awaiting(confirmedBy: readonly string[]): string[] {
    return this.expected.filter((service) => !confirmedBy.includes(service));
  }
}
