import type { Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { careEpisodeDecider } from '../domain/care-episode';

/** Nest token of the care-episode `CommandHandler`. */
export const EPISODE_COMMANDS = 'EPISODE_COMMANDS';

/** Stream category of care episodes: streams are `episode-<id>`. */
export const EPISODE_CATEGORY = 'episode';
export const episodeStreamId = (episodeId: string): string => `${EPISODE_CATEGORY}-${episodeId}`;

export const episodeCommandsProvider: Provider = {
  provide: EPISODE_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, careEpisodeDecider),
  inject: [EVENT_STORE],
};
