import type { IntegrationContract } from '../contract';
import {
  EpisodeDischargedV1Contract,
  EpisodeOpenedV1Contract,
  EpisodePausedV1Contract,
  EpisodeResumedV1Contract,
  EpisodeStepChangedV1Contract,
  ReferralAcceptedV1Contract,
  ReferralDeclinedV1Contract,
  ReferralMergedV1Contract,
  ReferralReceivedV1Contract,
  ReferralReferredOnV1Contract,
  ReferralReturnedV1Contract,
  ReferralSignpostedV1Contract,
  ReferralWithdrawnV1Contract,
  OrganisationRecordedV1Contract,
  UrgentTriageNeededV1Contract,
} from './v1';

export * from './v1';

/** Every contract the referrals service publishes, all versions. */
export const referralsContracts: readonly IntegrationContract[] = [
  ReferralReceivedV1Contract,
  ReferralWithdrawnV1Contract,
  UrgentTriageNeededV1Contract,
  ReferralAcceptedV1Contract,
  ReferralMergedV1Contract,
  ReferralSignpostedV1Contract,
  ReferralReturnedV1Contract,
  ReferralReferredOnV1Contract,
  ReferralDeclinedV1Contract,
  EpisodeOpenedV1Contract,
  EpisodeStepChangedV1Contract,
  EpisodePausedV1Contract,
  EpisodeResumedV1Contract,
  EpisodeDischargedV1Contract,
  OrganisationRecordedV1Contract,
];
