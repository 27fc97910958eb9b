export * from './retrying-handler';
export * from './process-delivery';
export * from './topic-of-origin';
