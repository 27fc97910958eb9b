import { Inject, Injectable } from '@nestjs/common';
import { categoryOf, type RecordedEvent } from '@stepwell/event-store';
import type { Reactor } from '@stepwell/read-models';
import { SLOT_CATEGORY, type AppointmentSlotEvent } from '../domain';
import { NOTIFICATION_PORT, REMINDER_OFFSETS, type NotificationPort, type ReminderOffset } from './notification.port';
import { remindersFor } from './reminder-plan';

export const REMINDERS_SUBSCRIPTION_ID = 'scheduling.reminders';

/**
 * Schedules reminders for each booking (and each move in) through the notification port, and withdraws them
 * when the booking of that slot ends (cancelled, moved out). A reactor of the ProjectionRunner, on a subscription
 * of its own: a port outage stops it, and it resumes from its checkpoint; the port's operations are idempotent.
 */
@Injectable()
export class RemindersReactor implements Reactor {
  readonly name = REMINDERS_SUBSCRIPTION_ID;
  readonly handles = { categories: [SLOT_CATEGORY] };

  constructor(
    @Inject(NOTIFICATION_PORT) private readonly port: NotificationPort,
    @Inject(REMINDER_OFFSETS) private readonly offsets: readonly ReminderOffset[],
  ) {}

  async react(recorded: RecordedEvent): Promise<void> {
    if (categoryOf(recorded.streamId) !== SLOT_CATEGORY) return;
    const event = recorded as unknown as AppointmentSlotEvent;
    switch (event.type) {
      case 'AppointmentBooked':
        for (const reminder of remindersFor(event.data, event.data.bookedAt, this.offsets)) await this.port.schedule(reminder);
        return;
      case 'AppointmentMovedIn':
        for (const reminder of remindersFor(event.data, event.data.movedAt, this.offsets)) await this.port.schedule(reminder);
        return;
      case 'AppointmentCancelled':
        await this.port.withdraw(event.data.appointmentId, event.data.slotId, event.data.cancelledAt);
        return;
      case 'AppointmentMovedOut':
        await this.port.withdraw(event.data.appointmentId, event.data.slotId, event.data.rescheduledAt);
        return;
      case 'SlotOpened':
      case 'SlotWithdrawn':
      case 'AppointmentAttended':
      case 'AppointmentNotAttended':
        return;
      default:
        return;
    }
  }
}
