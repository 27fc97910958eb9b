import type { Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import {
  listingDecider,
  socialPrescriptionDecider,
  type ListingCommand,
  type ListingEvent,
  type ListingState,
  type SocialPrescriptionCommand,
  type SocialPrescriptionEvent,
  type SocialPrescriptionState,
} from '../domain';

/** Nest token of the listing `CommandHandler` (read, fold, decide, append with the expected revision). */
export const LISTING_COMMANDS = 'LISTING_COMMANDS';
export type ListingCommands = CommandHandler<ListingCommand, ListingEvent, ListingState>;

export const directoryCommandProviders: Provider[] = [
  { provide: LISTING_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, listingDecider), inject: [EVENT_STORE] },
];

/** Nest token of the social prescription `CommandHandler`. */
export const SOCIAL_PRESCRIPTION_COMMANDS = 'SOCIAL_PRESCRIPTION_COMMANDS';
export type SocialPrescriptionCommands = CommandHandler<SocialPrescriptionCommand, SocialPrescriptionEvent, SocialPrescriptionState>;

export const socialPrescriptionCommandProviders: Provider[] = [
  { provide: SOCIAL_PRESCRIPTION_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, socialPrescriptionDecider), inject: [EVENT_STORE] },
];
