import type { Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import {
  consultationDecider,
  mdtDecider,
  offerDecider,
  offeringDecider,
  type ConsultationCommand,
  type ConsultationEvent,
  type ConsultationState,
  type MdtCommand,
  type MdtEvent,
  type MdtState,
  type OfferCommand,
  type OfferEvent,
  type OfferState,
  type OfferingCommand,
  type OfferingEvent,
  type OfferingState,
} from '../domain';

/** Nest tokens of the consultations `CommandHandler`s (read, fold, decide, append with the expected revision). */
export const OFFERING_COMMANDS = 'OFFERING_COMMANDS';
export const CONSULTATION_COMMANDS = 'CONSULTATION_COMMANDS';
export const OFFER_COMMANDS = 'OFFER_COMMANDS';
export const MDT_COMMANDS = 'MDT_COMMANDS';

export type OfferingCommands = CommandHandler<OfferingCommand, OfferingEvent, OfferingState>;
export type ConsultationCommands = CommandHandler<ConsultationCommand, ConsultationEvent, ConsultationState>;
export type OfferCommands = CommandHandler<OfferCommand, OfferEvent, OfferState>;
export type MdtCommands = CommandHandler<MdtCommand, MdtEvent, MdtState>;

export const consultationsCommandProviders: Provider[] = [
  { provide: OFFERING_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, offeringDecider), inject: [EVENT_STORE] },
  { provide: CONSULTATION_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, consultationDecider), inject: [EVENT_STORE] },
  { provide: MDT_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, mdtDecider), inject: [EVENT_STORE] },
  { provide: OFFER_COMMANDS, useFactory: (store: EventStore) => new CommandHandler(store, offerDecider), inject: [EVENT_STORE] },
];
