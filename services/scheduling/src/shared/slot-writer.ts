import { Inject, Injectable } from '@nestjs/common';
import { fold } from '@stepwell/decider';
import { type CommandContext, type CommandResult, requestMetadata } from '@stepwell/commands';
import type { Actor } from '@stepwell/event-store';
import { OtherOrganisationError } from './other-organisation.error';
import {
  appointmentSlotDecider,
  slotStreamId,
  type AppointmentSlotCommand,
  type AppointmentSlotEvent,
  type AppointmentSlotState,
} from '../domain';
import { SLOT_COMMANDS, type SlotCommands } from './scheduling-commands';
import { AppointmentLookup } from './appointment-lookup';
import { CLOCK, type Clock } from '@stepwell/http';

/**
 * Writes to slot streams. A slot's stream is opened lazily, from the diary's facts, by the first request that
 * needs it: concurrent openers decide the same facts, so the losers' retries find it open and add nothing.
 */
@Injectable()
export class SlotWriter {
  constructor(
    @Inject(SLOT_COMMANDS) private readonly slots: SlotCommands,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly lookup: AppointmentLookup,
  ) {}

  now(): string {
    return this.clock.now();
  }

  /**
   * Opens the slot's stream if it is not open yet. `then` is the command the caller will send next: it is decided
   * first against the slot as it would be once open, so that a refusal (422: mode or purpose not offered, …) leaves
   * nothing written — a booking refused with 422 once still opened the slot (a partial write).
   */
  async ensureOpen(slotId: string, context: { correlationId: string; actor: Actor }, then?: AppointmentSlotCommand): Promise<void> {
    const facts = await this.lookup.slotFacts(slotId);
    if (facts.organisationId !== context.actor.organisationId) throw new OtherOrganisationError();
    const { state } = await this.slots.load(slotStreamId(slotId));
    if (state.status !== 'Unopened') return;
    const at = this.clock.now();
    const open: AppointmentSlotCommand = { type: 'OpenSlot', ...facts, openedAt: at };
    if (then) {
      const opened = fold(appointmentSlotDecider, appointmentSlotDecider.decide(open, state), state);
      appointmentSlotDecider.decide(then, opened);
    }
    await this.slots.handle(slotStreamId(slotId), open, {
      metadata: requestMetadata(context.correlationId, at, context.actor),
    });
  }

  handle(
    slotId: string,
    command: AppointmentSlotCommand,
    context: { correlationId: string; actor: Actor; at: string; patientSubjectId: string; idempotencyKey?: string; expectedRevision?: number },
  ): Promise<CommandResult<AppointmentSlotEvent, AppointmentSlotState>> {
    const commandContext: CommandContext = {
      metadata: requestMetadata(context.correlationId, context.at, context.actor, context.patientSubjectId),
      ...(context.idempotencyKey === undefined ? {} : { idempotencyKey: context.idempotencyKey }),
      // The caller's If-Match: a slot stream at another revision is refused (412) and nothing is appended.
      ...(context.expectedRevision === undefined ? {} : { expectedRevision: context.expectedRevision }),
    };
    return this.slots.handle(slotStreamId(slotId), command, commandContext);
  }
}
