export * from './calendar/working-days';
export * from './consultation.decider';
export * from './consultation.types';
export * from './offering.decider';
export * from './streams';
export * from './vocabulary';
export * from './same-facts';
export * from './small-numbers';
