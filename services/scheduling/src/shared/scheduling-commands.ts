import type { Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import {
  appointmentSlotDecider,
  clinicianDecider,
  diaryDecider,
  engagementDecider,
  groupSessionDecider,
  type AppointmentSlotCommand,
  type AppointmentSlotEvent,
  type AppointmentSlotState,
  type ClinicianRegistered,
  type ClinicianState,
  type DiaryCommand,
  type DiaryEvent,
  type DiaryState,
  type EngagementCommand,
  type EngagementEvent,
  type EngagementState,
  type GroupSessionCommand,
  type GroupSessionEvent,
  type GroupSessionState,
  type RegisterClinician,
} from '../domain';

/** Nest tokens of the scheduling `CommandHandler`s (read, fold, decide, append with the expected revision). */
export const CLINICIAN_COMMANDS = 'CLINICIAN_COMMANDS';
export const DIARY_COMMANDS = 'DIARY_COMMANDS';
export const SLOT_COMMANDS = 'SLOT_COMMANDS';
export const ENGAGEMENT_COMMANDS = 'ENGAGEMENT_COMMANDS';
export const GROUP_SESSION_COMMANDS = 'GROUP_SESSION_COMMANDS';

export type ClinicianCommands = CommandHandler<RegisterClinician, ClinicianRegistered, ClinicianState>;
export type DiaryCommands = CommandHandler<DiaryCommand, DiaryEvent, DiaryState>;
export type SlotCommands = CommandHandler<AppointmentSlotCommand, AppointmentSlotEvent, AppointmentSlotState>;
export type EngagementCommands = CommandHandler<EngagementCommand, EngagementEvent, EngagementState>;
export type GroupSessionCommands = CommandHandler<GroupSessionCommand, GroupSessionEvent, GroupSessionState>;

export const schedulingCommandProviders: Provider[] = [
  { provide: CLINICIAN_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, clinicianDecider), inject: [EVENT_STORE] },
  { provide: DIARY_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, diaryDecider), inject: [EVENT_STORE] },
  // A slot is contended by every request for it: enough retries that the losers re-read and see it taken.
  {
    provide: SLOT_COMMANDS,
    useFactory: (store: EventStore) => new CommandHandler(store, appointmentSlotDecider, { maxRetries: 10 }),
    inject: [EVENT_STORE],
  },
  { provide: ENGAGEMENT_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, engagementDecider), inject: [EVENT_STORE] },
  // Every booking of a group contends for its capacity: as many retries as a slot.
  {
    provide: GROUP_SESSION_COMMANDS,
    useFactory: (store: EventStore) => new CommandHandler(store, groupSessionDecider, { maxRetries: 10 }),
    inject: [EVENT_STORE],
  },
];
