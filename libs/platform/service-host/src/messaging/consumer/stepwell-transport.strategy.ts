import { Logger } from '@nestjs/common';
import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { Server } from '@nestjs/microservices';
import type { ContractRegistry } from '@stepwell/contracts';
import { contractRegistry } from '@stepwell/contracts';
import { lastValueFrom } from 'rxjs';
import { type DeadLetter, type DeliveredMessage, type MessageTransport, type RetryPolicy, type RunningConsumer, assertTopicOfOrigin } from '@stepwell/messaging';
import { StepwellContext } from './stepwell.context';

export interface StepwellTransportOptions {
  transport: MessageTransport;
  /** The consuming service's group: `scheduling`, `outcomes`... */
  groupId: string;
  topics: readonly string[];
  deadLetterTopic: string;
  retry?: RetryPolicy;
  /** Where dead letters are recorded for the ops endpoints: `DeadLetterStore.recorder(deadLetterTopic)`. */
  recordDeadLetter?(letter: DeadLetter): Promise<void>;
  /** Records a message no handler wanted, with the reason (the workflow "ignores" it). Default: a debug log line. */
  onIgnored?(message: DeliveredMessage, reason: string): Promise<void> | void;
  /** Contracts to validate against. Default: every Stepwell contract. */
  registry?: ContractRegistry;
}

/** A message broke its contract: retrying cannot fix it, so it is dead-lettered at once. */
export class ContractValidationError extends Error {
  readonly code = 'CONTRACT_VALIDATION_FAILED' as const;
  readonly permanent = true;

  constructor(readonly problems: readonly string[]) {
    super(`Message does not match its contract: ${problems.join('; ')}`);
    this.name = 'ContractValidationError';
  }
}

/**
 * Runs `@EventPattern(<contract type>)` handlers on a Stepwell `MessageTransport` (Kafka or PostgreSQL), so a
 * handler is written once and runs on both. For each delivered message:
 * - the handler is found by `<type>@v<version>` first, then by `<type>`; none → recorded as ignored and acked;
 * - the contract is validated before the handler runs; a violation is dead-lettered at once, never a crash;
 * - the handler resolving commits the message; rejecting (or its stream erroring) retries it with backoff and
 *   then dead-letters it.
 * The handler receives the `IntegrationEvent` as `@Payload()` and a `StepwellContext` as `@Ctx()`.
 */
export class StepwellTransport extends Server implements CustomTransportStrategy {
  private consumer: RunningConsumer | null = null;
  private readonly log = new Logger('StepwellTransport');

  constructor(private readonly options: StepwellTransportOptions) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const { transport, groupId, topics, deadLetterTopic, retry, recordDeadLetter } = this.options;
    this.consumer = await transport.consume({
      groupId,
      topics,
      deadLetterTopic,
      ...(retry ? { retry } : {}),
      ...(recordDeadLetter ? { recordDeadLetter } : {}),
      handle: (message) => this.dispatch(message),
    });
  }

  /** Handles one message as the transport delivers it; exposed for tests of the dispatch rules. */
  async dispatch(message: DeliveredMessage): Promise<void> {
    const { type, version, messageId } = message.event;
    const registry = this.options.registry ?? contractRegistry;
    assertTopicOfOrigin(message, registry);
    const handler = this.findHandler(type, version);
    if (!handler) {
      const reason = `no handler for ${type} v${version} in ${this.options.groupId}`;
      if (this.options.onIgnored) await this.options.onIgnored(message, reason);
      else this.log.debug(`Ignored message ${messageId}: ${reason}`);
      return;
    }
    const validation = registry.validate(message.event);
    if (!validation.ok) throw new ContractValidationError(validation.problems);
    const result = await handler(message.event, new StepwellContext([message]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private findHandler(type: string, version: number): MessageHandler | null {
    return this.getHandlerByPattern(`${type}@v${version}`) ?? this.getHandlerByPattern(type);
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.stop();
  }

  on(): never {
    throw new Error('StepwellTransport emits no events: use the service health checks');
  }

  unwrap<T>(): T {
    return this.options.transport as T;
  }
}
