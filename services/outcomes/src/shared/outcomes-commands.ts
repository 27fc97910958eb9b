import type { Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { episodeRecordDecider, questionnaireInvitationDecider, questionnaireResponseDecider } from '../domain';

/** Nest token of the questionnaire-response `CommandHandler` (responses and their risk alerts). */
export const RESPONSE_COMMANDS = 'OUTCOMES_RESPONSE_COMMANDS';
/** Nest token of the episode-record `CommandHandler` (problem descriptor, outcome flags, not on track). */
export const EPISODE_RECORD_COMMANDS = 'OUTCOMES_EPISODE_RECORD_COMMANDS';
/** Nest token of the questionnaire-invitation `CommandHandler` (single-use links). */
export const INVITATION_COMMANDS = 'OUTCOMES_INVITATION_COMMANDS';

export const outcomesCommandProviders: Provider[] = [
  {
    provide: RESPONSE_COMMANDS,
    useFactory: (store: EventStore) => new CommandHandler(store, questionnaireResponseDecider),
    inject: [EVENT_STORE],
  },
  {
    provide: EPISODE_RECORD_COMMANDS,
    useFactory: (store: EventStore) => new CommandHandler(store, episodeRecordDecider),
    inject: [EVENT_STORE],
  },
  {
    provide: INVITATION_COMMANDS,
    useFactory: (store: EventStore) => new CommandHandler(store, questionnaireInvitationDecider),
    inject: [EVENT_STORE],
  },
];
