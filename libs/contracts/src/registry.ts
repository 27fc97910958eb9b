import type { IntegrationContract } from './contract';
import { contractKey } from './contract';
import { referralsContracts } from './referrals';
import { schedulingContracts } from './scheduling';
import { outcomesContracts } from './outcomes';
import { consultationsContracts } from './consultations';
import { directoryContracts } from './directory';
import type { ValidationResult } from './validation';
import { validateContractData } from './validation';

/** The part of an integration event a contract governs (structurally the messaging `IntegrationEvent`). */
export interface ContractedEvent {
  type: string;
  version: number;
  data: unknown;
}

export class UnknownContractError extends Error {
  readonly code = 'UNKNOWN_CONTRACT' as const;

  constructor(
    readonly type: string,
    readonly version: number,
  ) {
    super(`No contract ${contractKey(type, version)} is registered`);
    this.name = 'UnknownContractError';
  }
}

export class ContractRegistry {
  private readonly byKey = new Map<string, IntegrationContract>();

  constructor(contracts: readonly IntegrationContract[] = []) {
    for (const contract of contracts) this.register(contract);
  }

  register(contract: IntegrationContract): this {
    const key = contractKey(contract.type, contract.version);
    const existing = this.byKey.get(key);
    if (existing && existing !== contract) throw new Error(`Contract ${key} is registered twice`);
    this.byKey.set(key, contract);
    return this;
  }

  find(type: string, version: number): IntegrationContract | undefined {
    return this.byKey.get(contractKey(type, version));
  }

  get(type: string, version: number): IntegrationContract {
    const contract = this.find(type, version);
    if (!contract) throw new UnknownContractError(type, version);
    return contract;
  }

  /** Every registered version of a type, oldest first. */
  versionsOf(type: string): number[] {
    return [...this.byKey.values()]
      .filter((c) => c.type === type)
      .map((c) => c.version)
      .sort((a, b) => a - b);
  }

  all(): IntegrationContract[] {
    return [...this.byKey.values()];
  }

  validate(event: ContractedEvent): ValidationResult {
    if (event === null || typeof event !== 'object') return { ok: false, problems: ['event: must be an object'] };
    if (typeof event.type !== 'string' || typeof event.version !== 'number') {
      return { ok: false, problems: ['event: type must be a string and version a number'] };
    }
    const contract = this.find(event.type, event.version);
    if (!contract) {
      const known = this.versionsOf(event.type);
      return {
        ok: false,
        problems: [
          known.length
            ? `unknown contract version ${contractKey(event.type, event.version)} (known versions: ${known.join(', ')})`
            : `unknown contract type "${event.type}"`,
        ],
      };
    }
    return validateContractData(contract, event.data);
  }
}

/** Every contract published by Stepwell services. */
export const contractRegistry = new ContractRegistry([
  ...referralsContracts,
  ...schedulingContracts,
  ...outcomesContracts,
  ...consultationsContracts,
  ...directoryContracts,
]);

/** Validates an integration event against its registered contract; an unknown type or version is a problem. */
export function validateIntegrationEvent(
  event: ContractedEvent,
  registry: ContractRegistry = contractRegistry,
): ValidationResult {
  return registry.validate(event);
}
