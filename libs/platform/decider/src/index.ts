export * from './decider';
export * from './command-handler';
export * from './deterministic-uuid';
export * from './not-found.error';
export * from './request-metadata';
export * from './testing/given-when-then';
