import { Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@stepwell/event-store';
import type { Reactor } from '@stepwell/read-models';
import { RefillOfferer } from './refill-offerer';

/**
 * A slot freed close to its start (cancelled, or moved out of) is offered to the next person waiting. Runs after
 * the projections have applied the event, so the slot already reads as free; `offerNext` is idempotent (unique
 * offer per slot and person), so a redelivery offers nothing twice.
 */
@Injectable()
export class RefillReactor implements Reactor {
  readonly name = 'scheduling.refill-offers';
  readonly handles = { types: ['AppointmentCancelled', 'AppointmentMovedOut'] };

  constructor(private readonly refill: RefillOfferer) {}

  async react(event: RecordedEvent): Promise<void> {
    await this.refill.offerNext((event.data as { slotId: string }).slotId);
  }
}
