// The public surface of @stepwell/commands: the command handler that runs a pure decider (@stepwell/decider)
// against the event store — optimistic concurrency, If-Match revisions, idempotent re-appends — and the request
// metadata (who, why, when) every appended event carries.
export { type CommandContext, CommandHandler, type CommandResult, StaleRevisionError } from './command-handler';
export { requestMetadata } from './request-metadata';
