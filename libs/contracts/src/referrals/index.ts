import type { IntegrationContract } from '../contract';
import { ReferralReceivedV1Contract, ReferralWithdrawnV1Contract } from './v1';

export * from './v1';

/** Every contract the referrals service publishes, all versions. */
export const referralsContracts: readonly IntegrationContract[] = [ReferralReceivedV1Contract, ReferralWithdrawnV1Contract];
