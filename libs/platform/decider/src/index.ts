// The public surface of @stepwell/decider (pure: no I/O, no framework, no clock): deciders, deterministic ids and
// the not-found error. The command handler that runs a decider against the event store is @stepwell/commands.
export { assertNever, type Decider, type DomainEvent, DomainError, fold, type PersonalFieldsOf } from './decider';
export { deterministicUuid } from './deterministic-uuid';
export { NotFoundError } from './not-found.error';
export { sameFacts } from './same-facts';
