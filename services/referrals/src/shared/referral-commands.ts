import type { Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { referralDecider } from '../domain/referral.decider';

/** Nest token of the referral `CommandHandler` (read, fold, decide, append with the expected revision). */
export const REFERRAL_COMMANDS = 'REFERRAL_COMMANDS';

export const referralCommandsProvider: Provider = {
  provide: REFERRAL_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, referralDecider),
  inject: [EVENT_STORE],
};
