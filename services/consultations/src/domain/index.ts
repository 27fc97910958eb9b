export * from './calendar/working-days';
export * from './consultation.decider';
export * from './consultation.types';
export * from './offering.decider';
export * from './streams';
export * from './vocabulary';
export * from './small-numbers';
export * from './consultation.personal-fields';
