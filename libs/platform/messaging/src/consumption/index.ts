export * from './retrying-handler';
export * from './process-delivery';
