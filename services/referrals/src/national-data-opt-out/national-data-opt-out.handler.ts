import { Inject, Injectable, type Provider } from '@nestjs/common';
import { CommandHandler, requestMetadata } from '@stepwell/commands';
import { type Actor, EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { CLOCK, type Clock } from '@stepwell/http';
import {
  nationalDataOptOutDecider,
  type NationalDataOptOutCommand,
  type NationalDataOptOutEvent,
  type NationalDataOptOutState,
  optOutStreamId,
} from '../domain/national-data-opt-out/national-data-opt-out.decider';
import type { NationalDataOptOutRequest, NationalDataOptOutView } from './national-data-opt-out.requests';

export const OPT_OUT_COMMANDS = 'OPT_OUT_COMMANDS';
export const optOutCommandsProvider: Provider = {
  provide: OPT_OUT_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, nationalDataOptOutDecider),
  inject: [EVENT_STORE],
};

/** Records the status and answers it; the change is published by the relay (`referrals.national-data-opt-out-changed`). */
@Injectable()
export class NationalDataOptOutHandler {
  constructor(
    @Inject(OPT_OUT_COMMANDS) private readonly commands: CommandHandler<NationalDataOptOutCommand, NationalDataOptOutEvent, NationalDataOptOutState>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async read(patientSubjectId: string): Promise<{ view: NationalDataOptOutView; revision: number | null }> {
    const { state, revision } = await this.commands.load(optOutStreamId(patientSubjectId));
    return { view: { id: patientSubjectId, ...state }, revision };
  }

  async set(
    patientSubjectId: string,
    request: NationalDataOptOutRequest,
    context: { correlationId: string; actor: Actor; expectedRevision?: number },
  ): Promise<{ view: NationalDataOptOutView; revision: number }> {
    const changedAt = this.clock.now();
    const result = await this.commands.handle(
      optOutStreamId(patientSubjectId),
      { type: 'SetNationalDataOptOut', data: { optedOut: request.optedOut, source: request.source, changedAt } },
      {
        metadata: requestMetadata(context.correlationId, changedAt, context.actor, patientSubjectId),
        ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
      },
    );
    return { view: { id: patientSubjectId, ...result.state }, revision: result.revision ?? -1 };
  }
}
