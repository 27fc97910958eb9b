import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { categoryOf, EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '@stepwell/event-store';
import { SLOT_CATEGORY, type AppointmentSlotEvent } from '../domain';
import { NOTIFICATION_PORT, REMINDER_OFFSETS, type NotificationPort, type ReminderOffset } from './notification.port';
import { remindersFor } from './reminder-plan';

export const REMINDERS_SUBSCRIPTION_ID = 'scheduling.reminders';

/**
 * Schedules reminders for each booking (and each move in) through the notification port, and withdraws them
 * when the booking of that slot ends (cancelled, moved out). A catch-up subscription of its own: a port outage
 * stops it, and it resumes from its checkpoint; the port's operations are idempotent.
 */
@Injectable()
export class RemindersReactor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RemindersReactor.name);
  private subscription: Subscription | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(NOTIFICATION_PORT) private readonly port: NotificationPort,
    @Inject(REMINDER_OFFSETS) private readonly offsets: readonly ReminderOffset[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = await this.store.subscribe({
      subscriptionId: REMINDERS_SUBSCRIPTION_ID,
      source: { kind: 'category', category: SLOT_CATEGORY },
      handle: (event) => this.react(event),
      onError: (error) => this.logger.error(`reminders stopped: ${(error as Error).message}`),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** Resolves once every event written so far has been reacted to (tests). */
  async caughtUp(): Promise<void> {
    await this.subscription?.waitForCheckpoint(await this.store.headPosition(), 10_000);
  }

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
