import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import type { SharingOrganisationType } from '@stepwell/contracts';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { type Actor, EVENT_STORE, type EventStore, type NewEvent, type RecordedEvent, type StreamAppend } from '@stepwell/event-store';
import { CLOCK, type Clock, RequestValidationError } from '@stepwell/http';
import { ProjectionRunner } from '@stepwell/read-models';
import {
  type ConsentsCommand,
  type ConsentsEvent,
  consentsDecider,
  type ConsentsState,
  consentsStreamId,
  contactAllowed,
  type ContactChannel,
} from '../domain/consents/consents.decider';
import type { ConsentRequest, ConsentsView, ContactConsentView } from './consents.requests';

export const CONSENTS_COMMANDS = 'CONSENTS_COMMANDS';
export const consentsCommandsProvider: Provider = {
  provide: CONSENTS_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, consentsDecider),
  inject: [EVENT_STORE],
};

function viewOf(patientSubjectId: string, state: ConsentsState): ConsentsView {
  const contactView = (channel: ContactChannel): ContactConsentView => {
    const entry = state.contact[channel];
    return { allowed: contactAllowed(state, channel), source: entry?.source ?? null, changedAt: entry?.changedAt ?? null, recordedBy: entry?.recordedBy ?? null };
  };
  return { id: patientSubjectId, sharing: state.sharing.map((entry) => ({ ...entry })), contact: { sms: contactView('sms'), email: contactView('email') } };
}

/**
 * Exactly one of the organisation, the organisation type and the channel: else 400 naming them (under `path`, e.g.
 * `consents[1].` on the referral form), nothing written.
 */
export function consentCommandOf(request: ConsentRequest, changedAt: string, recordedBy: string, path = ''): ConsentsCommand {
  const named = (['organisationId', 'organisationType', 'channel'] as const).filter((field) => request[field] !== undefined && request[field] !== null);
  if (named.length !== 1) {
    const message = 'name exactly one of organisationId, organisationType and channel';
    throw new RequestValidationError(
      (named.length === 0 ? (['organisationId', 'organisationType', 'channel'] as const) : named).map((field) => ({ field: `${path}${field}`, messages: [message] })),
    );
  }
  const recorded = { consented: request.consented, source: request.source, changedAt, recordedBy };
  if (request.channel !== undefined) return { type: 'RecordContactConsent', data: { channel: request.channel, ...recorded } };
  if (request.organisationId !== undefined) return { type: 'RecordSharingConsent', data: { organisationId: request.organisationId, organisationType: null, ...recorded } };
  return { type: 'RecordSharingConsent', data: { organisationId: null, organisationType: request.organisationType as SharingOrganisationType, ...recorded } };
}

/**
 * Records a consent change and answers the person's consents; consent to share is published by the relay
 * (`referrals.sharing-consent-changed`) and, before the answer, applied to this service's own relationship rows.
 */
@Injectable()
export class ConsentsHandler {
  constructor(
    @Inject(CONSENTS_COMMANDS) private readonly commands: CommandHandler<ConsentsCommand, ConsentsEvent, ConsentsState>,
    private readonly readModels: ProjectionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(patientSubjectId: string): Promise<{ view: ConsentsView; revision: number | null }> {
    const { state, revision } = await this.commands.load(consentsStreamId(patientSubjectId));
    return { view: viewOf(patientSubjectId, state), revision };
  }

  /**
   * The consent events of several changes at once (the referral form's `consents`), decided in order against the
   * person's consents as they stand, as one part of a caller's atomic multi-stream append: expected at the revision
   * read, so a concurrent change makes the whole append fail (the caller looks again) instead of writing half.
   * Null when nothing changes. Invalid changes were refused before (`consentCommandOf`).
   */
  async appendFor(patientSubjectId: string, commands: readonly ConsentsCommand[], metadata: NewEvent['metadata']): Promise<StreamAppend | null> {
    const { state, revision } = await this.commands.load(consentsStreamId(patientSubjectId));
    let current = state;
    const events: ConsentsEvent[] = [];
    for (const command of commands) {
      const decided = consentsDecider.decide(command, current);
      current = decided.reduce(consentsDecider.evolve, current);
      events.push(...decided);
    }
    if (events.length === 0) return null;
    return {
      streamId: consentsStreamId(patientSubjectId),
      events: events.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata })),
      expectedRevision: revision ?? 'no_stream',
    };
  }

  /**
   * Whether `commands` (a retried referral form's consents) record what the form's first request recorded: they are
   * decided again against the person's consents as they stood before that request's write, and the events that
   * decides must be the ones written with the referral (`referral`: the referral's first event; the form's consent
   * events precede it in the same atomic write, with its correlation id and instant). Compared by what they record,
   * not the time (a retry is later): a changed list is a reused Idempotency-Key (422), not a silent replay. The log
   * keeps what a form recorded, not what it asked: an entry that recorded nothing (the answer the person's consents
   * already held) cannot be told from its absence, and such a retry replays — it would record nothing either.
   */
  async recordedByForm(patientSubjectId: string, commands: readonly ConsentsCommand[], referral: RecordedEvent): Promise<boolean> {
    const { recorded } = await this.commands.load(consentsStreamId(patientSubjectId));
    const earlier = recorded.filter((event) => event.globalPosition < referral.globalPosition);
    const ofForm = (event: RecordedEvent) =>
      event.metadata.correlationId === referral.metadata.correlationId && event.metadata.occurredAt === referral.metadata.occurredAt;
    const first = earlier.findIndex(ofForm);
    const before = (first < 0 ? earlier : earlier.slice(0, first)) as unknown as ConsentsEvent[];
    let current = before.reduce(consentsDecider.evolve, consentsDecider.initialState);
    const decided: ConsentsEvent[] = [];
    for (const command of commands) {
      const events = consentsDecider.decide(command, current);
      current = events.reduce(consentsDecider.evolve, current);
      decided.push(...events);
    }
    const written = earlier.filter(ofForm);
    const comparable = (event: { type: string; data: unknown }) => {
      const { changedAt: _at, ...data } = event.data as Record<string, unknown>;
      return JSON.stringify([event.type, Object.keys(data).sort().map((key) => [key, data[key]])]);
    };
    return decided.length === written.length && decided.every((event, index) => comparable(event) === comparable(written[index] as RecordedEvent));
  }

  async record(
    patientSubjectId: string,
    request: ConsentRequest,
    context: { correlationId: string; actor: Actor; expectedRevision?: number; idempotencyKey?: string },
  ): Promise<{ view: ConsentsView; revision: number }> {
    const changedAt = this.clock.now();
    const command = consentCommandOf(request, changedAt, context.actor.organisationId);
    const result = await this.commands.handle(consentsStreamId(patientSubjectId), command, {
      metadata: requestMetadata(context.correlationId, changedAt, context.actor, patientSubjectId),
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
    });
    // The relationship rows are part of the read models: the next request already meets the withdrawal.
    if (result.position !== null) await this.readModels.waitFor(result.position);
    return { view: viewOf(patientSubjectId, result.state), revision: result.revision ?? -1 };
  }
}
