export * from './decider';
export * from './command-handler';
export * from './deterministic-uuid';
export * from './testing/given-when-then';
