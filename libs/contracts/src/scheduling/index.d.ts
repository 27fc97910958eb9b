import type { IntegrationContract } from '../contract';
/** Every contract the scheduling service publishes, all versions. */
export declare const schedulingContracts: readonly IntegrationContract[];
