export * from './integration-event';
export * from './wire-format';
export * from './message-ids';
