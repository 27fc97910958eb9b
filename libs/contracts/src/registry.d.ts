import type { IntegrationContract } from './contract';
import type { ValidationResult } from './validation';
/** The part of an integration event a contract governs (structurally the messaging `IntegrationEvent`). */
export interface ContractedEvent {
    type: string;
    version: number;
    data: unknown;
}
export declare class UnknownContractError extends Error {
    readonly type: string;
    readonly version: number;
    readonly code: "UNKNOWN_CONTRACT";
    constructor(type: string, version: number);
}
export declare class ContractRegistry {
    private readonly byKey;
    constructor(contracts?: readonly IntegrationContract[]);
    register(contract: IntegrationContract): this;
    find(type: string, version: number): IntegrationContract | undefined;
    get(type: string, version: number): IntegrationContract;
    /** Every registered version of a type, oldest first. */
    versionsOf(type: string): number[];
    all(): IntegrationContract[];
    validate(event: ContractedEvent): ValidationResult;
}
/** Every contract published by Stepwell services. */
export declare const contractRegistry: ContractRegistry;
/** Validates an integration event against its registered contract; an unknown type or version is a problem. */
export declare function validateIntegrationEvent(event: ContractedEvent, registry?: ContractRegistry): ValidationResult;
