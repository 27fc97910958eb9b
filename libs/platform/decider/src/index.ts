// The public surface of @stepwell/decider: only what code outside the library uses.
export { type CommandContext, CommandHandler, type CommandResult, StaleRevisionError } from './command-handler';
export { assertNever, type Decider, DomainError, fold } from './decider';
export { deterministicUuid } from './deterministic-uuid';
export { NotFoundError } from './not-found.error';
export { requestMetadata } from './request-metadata';
