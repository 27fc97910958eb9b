import type { IntegrationContract } from '../contract';
import { treeHeadSignedV1Contract } from '../shared/transparency/tree-head-signed.contract';
import { EpisodeDischargedV1Contract } from './v1/episode-discharged.contract';
import { EpisodeOpenedV1Contract } from './v1/episode-opened.contract';
import { EpisodePausedV1Contract } from './v1/episode-paused.contract';
import { EpisodeResumedV1Contract } from './v1/episode-resumed.contract';
import { EpisodeStepChangedV1Contract } from './v1/episode-step-changed.contract';
import { ReferralAcceptedV1Contract } from './v1/referral-accepted.contract';
import { ReferralDeclinedV1Contract } from './v1/referral-declined.contract';
import { ReferralMergedV1Contract } from './v1/referral-merged.contract';
import { ReferralReceivedV1Contract } from './v1/referral-received.contract';
import { ReferralReceivedV2Contract } from './v2/referral-received.contract';
import { ReferralReferredOnV1Contract } from './v1/referral-referred-on.contract';
import { ReferralReturnedV1Contract } from './v1/referral-returned.contract';
import { ReferralSignpostedV1Contract } from './v1/referral-signposted.contract';
import { ReferralWithdrawnV1Contract } from './v1/referral-withdrawn.contract';
import { PatientIdentityVerifiedV1Contract } from './v1/patient-identity-verified.contract';
import { OrganisationRecordedV1Contract } from './v1/organisation-recorded.contract';
import { UrgentTriageNeededV1Contract } from './v1/urgent-triage-needed.contract';
import { PatientErasureDecidedV1Contract } from './v1/patient-erasure-decided.contract';
import { CareThreadFlaggedV1Contract } from './v1/care-thread-flagged.contract';
import { NationalDataOptOutChangedV1Contract } from './v1/national-data-opt-out-changed.contract';
import { SharingConsentChangedV1Contract } from './v1/sharing-consent-changed.contract';
// Gap watch (issue 18): the care-seeking thread's life.
import { CareThreadOpenedV1Contract } from './v1/care-thread-opened.contract';
import { CareThreadOverdueV1Contract } from './v1/care-thread-overdue.contract';
import { CareThreadResolvedV1Contract } from './v1/care-thread-resolved.contract';

/** Every contract the referrals service publishes, all versions. */
export const referralsContracts: readonly IntegrationContract[] = [
  treeHeadSignedV1Contract('referrals'),
  ReferralReceivedV1Contract,
  ReferralReceivedV2Contract,
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
  PatientIdentityVerifiedV1Contract,
  PatientErasureDecidedV1Contract,
  CareThreadFlaggedV1Contract,
  NationalDataOptOutChangedV1Contract,
  // Issue 15 item 5: consent to share with an organisation or type, honoured by every relationship projection.
  SharingConsentChangedV1Contract,
  // Gap watch (issue 18).
  CareThreadOpenedV1Contract,
  CareThreadOverdueV1Contract,
  CareThreadResolvedV1Contract,
];
