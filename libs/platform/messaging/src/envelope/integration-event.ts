import { randomUUID } from 'node:crypto';
import type { ContractData, IntegrationContract } from '@stepwell/contracts';
import { validateContractData } from '@stepwell/contracts';
import type { IntegrationEvent } from '../transport.port';

export interface IntegrationEventContext {
  /** Default: a fresh UUID. A relay passes one derived from the domain event id (see `deterministicMessageId`). */
  messageId?: string;
  patientSubjectId: string | null;
  /** ISO 8601: when the fact happened, from the domain event. */
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
}

/** The producer's data did not match its own contract: a bug in the producer, never published. */
export class ContractViolationError extends Error {
  readonly code = 'CONTRACT_VIOLATION' as const;

  constructor(
    readonly type: string,
    readonly version: number,
    readonly problems: readonly string[],
  ) {
    super(`Event ${type} v${version} does not match its contract: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

/**
 * Builds an integration event for a contract, validating the data against it first so that nothing invalid is
 * ever published.
 */
export function createIntegrationEvent<C extends IntegrationContract>(
  contract: C,
  data: ContractData<C>,
  context: IntegrationEventContext,
): IntegrationEvent<ContractData<C>> {
  const validation = validateContractData(contract, data);
  if (!validation.ok) throw new ContractViolationError(contract.type, contract.version, validation.problems);
  return {
    messageId: context.messageId ?? randomUUID(),
    type: contract.type,
    version: contract.version,
    source: contract.producer,
    patientSubjectId: context.patientSubjectId,
    occurredAt: context.occurredAt,
    correlationId: context.correlationId,
    causationId: context.causationId,
    data,
  };
}
