export * from './care-episode.commands';
export * from './care-episode.decider';
export * from './care-episode.errors';
export * from './care-episode.events';
export * from './care-episode.state';
export * from './london-date';
export * from './waiting-clock';
