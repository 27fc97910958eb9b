import type { IntegrationContract } from '../contract';
/** Every contract the outcomes service publishes, all versions. */
export declare const outcomesContracts: readonly IntegrationContract[];
