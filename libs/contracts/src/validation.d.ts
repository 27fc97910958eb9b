import type { IntegrationContract } from './contract';
export type ValidationResult = {
    ok: true;
} | {
    ok: false;
    problems: string[];
};
/**
 * Validates `data` against a contract's payload class. Unknown properties are problems: a payload carries
 * exactly the published fields, which also keeps personal data from slipping in beside them.
 */
export declare function validateContractData(contract: IntegrationContract, data: unknown): ValidationResult;
