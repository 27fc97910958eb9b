export * from './database';
export * from './kafka';
export * from './test-time';
