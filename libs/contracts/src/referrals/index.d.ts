import type { IntegrationContract } from '../contract';
/** Every contract the referrals service publishes, all versions. */
export declare const referralsContracts: readonly IntegrationContract[];
