export {
  CARE_STEPS,
  type CareStep,
  DECLINE_REASONS,
  type DeclineReason,
  DISCHARGE_REASONS,
  type DischargeReason,
  REFER_ON_DESTINATIONS,
  type ReferOnDestination,
  REFERRAL_SOURCES,
  REFERRAL_URGENCIES,
  REFERRAL_WITHDRAWAL_REASONS,
  type ReferralSource,
  type ReferralUrgency,
  type ReferralWithdrawalReason,
  STEP_DIRECTIONS,
  type StepDirection,
  URGENT_TRIAGE_REASONS,
  type UrgentTriageReason,
} from './vocabulary';
export {
  type ReferralReceivedV1,
  ReferralReceivedV1Contract,
  ReferralReceivedV1Payload,
} from './referral-received.contract';
export {
  type ReferralWithdrawnV1,
  ReferralWithdrawnV1Contract,
  ReferralWithdrawnV1Payload,
} from './referral-withdrawn.contract';
export {
  type UrgentTriageNeededV1,
  UrgentTriageNeededV1Contract,
  UrgentTriageNeededV1Payload,
} from './urgent-triage-needed.contract';
export {
  type ReferralAcceptedV1,
  ReferralAcceptedV1Contract,
  ReferralAcceptedV1Payload,
} from './referral-accepted.contract';
export {
  type ReferralMergedV1,
  ReferralMergedV1Contract,
  ReferralMergedV1Payload,
} from './referral-merged.contract';
export {
  type ReferralSignpostedV1,
  ReferralSignpostedV1Contract,
  ReferralSignpostedV1Payload,
} from './referral-signposted.contract';
export {
  type ReferralReturnedV1,
  ReferralReturnedV1Contract,
  ReferralReturnedV1Payload,
} from './referral-returned.contract';
export {
  type ReferralReferredOnV1,
  ReferralReferredOnV1Contract,
  ReferralReferredOnV1Payload,
} from './referral-referred-on.contract';
export {
  type ReferralDeclinedV1,
  ReferralDeclinedV1Contract,
  ReferralDeclinedV1Payload,
} from './referral-declined.contract';
export {
  type EpisodeOpenedV1,
  EpisodeOpenedV1Contract,
  EpisodeOpenedV1Payload,
} from './episode-opened.contract';
export {
  type EpisodeStepChangedV1,
  EpisodeStepChangedV1Contract,
  EpisodeStepChangedV1Payload,
} from './episode-step-changed.contract';
export {
  type EpisodePausedV1,
  EpisodePausedV1Contract,
  EpisodePausedV1Payload,
} from './episode-paused.contract';
export {
  type EpisodeResumedV1,
  EpisodeResumedV1Contract,
  EpisodeResumedV1Payload,
} from './episode-resumed.contract';
export {
  type EpisodeDischargedV1,
  EpisodeDischargedV1Contract,
  EpisodeDischargedV1Payload,
} from './episode-discharged.contract';
export {
  type OrganisationRecordedV1,
  OrganisationRecordedV1Contract,
  OrganisationRecordedV1Payload,
  REGISTRY_ORGANISATION_TYPES,
  type RegistryOrganisationType,
} from './organisation-recorded.contract';
