// The public surface of @stepwell/contracts, named one by one (no `export *`): what is not listed is internal.
export { type ContractData, contractKey, defineContract, type IntegrationContract } from './contract';
export { validateContractData, type ValidationResult } from './validation';
export {
  type ContractedEvent,
  contractRegistry,
  ContractRegistry,
  UnknownContractError,
  validateIntegrationEvent,
} from './registry';
export {
  IsInstant,
  isInstant,
  isOdsCode,
  isOpaqueId,
  ODS_CODE,
  OPAQUE_ID,
  parseStrictDate,
} from './shared/identifiers';
export { type BankHolidayCalendar, ENGLAND_AND_WALES_BANK_HOLIDAYS, type LocalDate } from './shared/calendar/bank-holidays';

// referrals v1
export {
  CARE_STEPS,
  type CareStep,
  DECLINE_REASONS,
  type DeclineReason,
  DISCHARGE_REASONS,
  type DischargeReason,
  IDENTITY_VERIFICATION_METHODS,
  type IdentityVerificationMethod,
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
  ERASURE_LAWFUL_BASES,
  type ErasureLawfulBasis,
} from './referrals/v1/vocabulary';
export {
  type PatientErasureDecidedV1,
  PatientErasureDecidedV1Contract,
  PatientErasureDecidedV1Payload,
} from './referrals/v1/patient-erasure-decided.contract';
export {
  type ReferralReceivedV1,
  ReferralReceivedV1Contract,
  ReferralReceivedV1Payload,
} from './referrals/v1/referral-received.contract';
export {
  REFERRAL_COMPLETABLE_FIELDS,
  type ReferralCompletableField,
  type ReferralReceivedV2,
  ReferralReceivedV2Contract,
  ReferralReceivedV2Payload,
} from './referrals/v2/referral-received.contract';
export {
  type ReferralWithdrawnV1,
  ReferralWithdrawnV1Contract,
  ReferralWithdrawnV1Payload,
} from './referrals/v1/referral-withdrawn.contract';
export {
  type UrgentTriageNeededV1,
  UrgentTriageNeededV1Contract,
  UrgentTriageNeededV1Payload,
} from './referrals/v1/urgent-triage-needed.contract';
export {
  type ReferralAcceptedV1,
  ReferralAcceptedV1Contract,
  ReferralAcceptedV1Payload,
} from './referrals/v1/referral-accepted.contract';
export {
  type ReferralMergedV1,
  ReferralMergedV1Contract,
  ReferralMergedV1Payload,
} from './referrals/v1/referral-merged.contract';
export {
  type ReferralSignpostedV1,
  ReferralSignpostedV1Contract,
  ReferralSignpostedV1Payload,
} from './referrals/v1/referral-signposted.contract';
export {
  type ReferralReturnedV1,
  ReferralReturnedV1Contract,
  ReferralReturnedV1Payload,
} from './referrals/v1/referral-returned.contract';
export {
  type ReferralReferredOnV1,
  ReferralReferredOnV1Contract,
  ReferralReferredOnV1Payload,
} from './referrals/v1/referral-referred-on.contract';
export {
  type ReferralDeclinedV1,
  ReferralDeclinedV1Contract,
  ReferralDeclinedV1Payload,
} from './referrals/v1/referral-declined.contract';
export {
  type EpisodeOpenedV1,
  EpisodeOpenedV1Contract,
  EpisodeOpenedV1Payload,
} from './referrals/v1/episode-opened.contract';
export {
  type EpisodeStepChangedV1,
  EpisodeStepChangedV1Contract,
  EpisodeStepChangedV1Payload,
} from './referrals/v1/episode-step-changed.contract';
export {
  type EpisodePausedV1,
  EpisodePausedV1Contract,
  EpisodePausedV1Payload,
} from './referrals/v1/episode-paused.contract';
export {
  type EpisodeResumedV1,
  EpisodeResumedV1Contract,
  EpisodeResumedV1Payload,
} from './referrals/v1/episode-resumed.contract';
export {
  type EpisodeDischargedV1,
  EpisodeDischargedV1Contract,
  EpisodeDischargedV1Payload,
} from './referrals/v1/episode-discharged.contract';
export {
  type OrganisationRecordedV1,
  OrganisationRecordedV1Contract,
  OrganisationRecordedV1Payload,
  REGISTRY_ORGANISATION_TYPES,
  type RegistryOrganisationType,
} from './referrals/v1/organisation-recorded.contract';
export {
  type PatientIdentityVerifiedV1,
  PatientIdentityVerifiedV1Contract,
  PatientIdentityVerifiedV1Payload,
} from './referrals/v1/patient-identity-verified.contract';
export { referralsContracts } from './referrals';

// scheduling v1
export {
  APPOINTMENT_CANCELLATION_REASONS,
  APPOINTMENT_MODES,
  APPOINTMENT_PURPOSES,
  type AppointmentCancellationReason,
  type AppointmentMode,
  type AppointmentPurpose,
  CANCELLED_BY,
  type CancelledBy,
  NOT_ATTENDED_OUTCOMES,
  type NotAttendedOutcome,
} from './scheduling/v1/vocabulary';
export {
  type AppointmentBookedV1,
  AppointmentBookedV1Contract,
  AppointmentBookedV1Payload,
} from './scheduling/v1/appointment-booked.contract';
export {
  type AppointmentRescheduledV1,
  AppointmentRescheduledV1Contract,
  AppointmentRescheduledV1Payload,
} from './scheduling/v1/appointment-rescheduled.contract';
export {
  type AppointmentCancelledV1,
  AppointmentCancelledV1Contract,
  AppointmentCancelledV1Payload,
} from './scheduling/v1/appointment-cancelled.contract';
export {
  type AppointmentAttendedV1,
  AppointmentAttendedV1Contract,
  AppointmentAttendedV1Payload,
} from './scheduling/v1/appointment-attended.contract';
export {
  type AppointmentNotAttendedV1,
  AppointmentNotAttendedV1Contract,
  AppointmentNotAttendedV1Payload,
} from './scheduling/v1/appointment-not-attended.contract';
export {
  type EngagementReviewNeededV1,
  EngagementReviewNeededV1Contract,
  EngagementReviewNeededV1Payload,
} from './scheduling/v1/engagement-review-needed.contract';
export { schedulingContracts } from './scheduling';

// outcomes v1
export {
  COMPLETED_BY,
  type CompletedBy,
  NOT_ON_TRACK_REASONS,
  type NotOnTrackReason,
  RISK_ACTIONS,
  RISK_ALERT_URGENCIES,
  RISK_SIGNALS,
  type RiskAction,
  type RiskAlertUrgency,
  type RiskSignal,
} from './outcomes/v1/vocabulary';
export {
  type MeasureRecordedV1,
  MeasureRecordedV1Contract,
  MeasureRecordedV1Payload,
} from './outcomes/v1/measure-recorded.contract';
export {
  type RiskAlertRaisedV1,
  RiskAlertRaisedV1Contract,
  RiskAlertRaisedV1Payload,
} from './outcomes/v1/risk-alert-raised.contract';
export {
  type RiskAlertAcknowledgedV1,
  RiskAlertAcknowledgedV1Contract,
  RiskAlertAcknowledgedV1Payload,
} from './outcomes/v1/risk-alert-acknowledged.contract';
export {
  type RiskAlertEscalatedV1,
  RiskAlertEscalatedV1Contract,
  RiskAlertEscalatedV1Payload,
} from './outcomes/v1/risk-alert-escalated.contract';
export {
  type OutcomeFlagsComputedV1,
  OutcomeFlagsComputedV1Contract,
  OutcomeFlagsComputedV1Payload,
} from './outcomes/v1/outcome-flags-computed.contract';
export {
  type EpisodeNotOnTrackV1,
  EpisodeNotOnTrackV1Contract,
  EpisodeNotOnTrackV1Payload,
} from './outcomes/v1/episode-not-on-track.contract';
export {
  OUTCOME_CORRECTION_REASONS,
  type OutcomeCorrectionReason,
  type OutcomeFlagsComputedV2,
  OutcomeFlagsComputedV2Contract,
  OutcomeFlagsComputedV2Payload,
  supersedesRecordedOutcome,
} from './outcomes/v2/outcome-flags-computed.contract';
export { outcomesContracts } from './outcomes';

// consultations v1
export {
  CONSULTATION_MODES,
  CONSULTATION_OUTCOMES,
  CONSULTATION_URGENCIES,
  SPECIALISMS,
  type ConsultationMode,
  type ConsultationOutcome,
  type ConsultationUrgency,
  type Specialism,
} from './consultations/v1/vocabulary';
export {
  type ConsultationRequestedV1,
  ConsultationRequestedV1Contract,
} from './consultations/v1/consultation-requested.contract';
export {
  type ConsultationAnsweredV1,
  ConsultationAnsweredV1Contract,
} from './consultations/v1/consultation-answered.contract';
export {
  type ConsultationReferralRequestedV1,
  ConsultationReferralRequestedV1Contract,
} from './consultations/v1/referral-requested.contract';
export {
  type ConsultationStepChangeProposedV1,
  ConsultationStepChangeProposedV1Contract,
} from './consultations/v1/step-change-proposed.contract';
export {
  type MdtReferralRequestedV1,
  MdtReferralRequestedV1Contract,
  CONSENT_NOT_NEEDED_REASONS,
  type ConsentNotNeededReason,
} from './consultations/v1/mdt-referral-requested.contract';
export { type MdtStepChangeProposedV1, MdtStepChangeProposedV1Contract } from './consultations/v1/mdt-step-change-proposed.contract';
export { type MdtCaseDiscussedV1, MdtCaseDiscussedV1Contract } from './consultations/v1/mdt-case-discussed.contract';
// consultations v2
export {
  type ConsultationReferralRequestedV2,
  ConsultationReferralRequestedV2Contract,
  type ReferralConsentV2,
  type ReferralConsentObtainedBy,
  type ReferralRiskAnswersV2,
  PRESENTING_PROBLEM_CODE,
  REFERRAL_CONSENT_OBTAINED_BY,
} from './consultations/v2/referral-requested.contract';
export { consultationsContracts } from './consultations';
export { type CareThreadFlaggedV1, CareThreadFlaggedV1Contract } from './referrals/v1/care-thread-flagged.contract';
export {
  type NationalDataOptOutChangedV1,
  NationalDataOptOutChangedV1Contract,
  OPT_OUT_SOURCES,
  type OptOutSource,
} from './referrals/v1/national-data-opt-out-changed.contract';
export {
  CONSENT_SOURCES,
  type ConsentSource,
  SHARING_ORGANISATION_TYPES,
  type SharingConsentChangedV1,
  SharingConsentChangedV1Contract,
  type SharingOrganisationType,
} from './referrals/v1/sharing-consent-changed.contract';


// directory v1 (social prescriptions)
export {
  SOCIAL_PRESCRIPTION_DECLINE_REASONS,
  SOCIAL_PRESCRIPTION_GOAL_PROGRESS,
  SOCIAL_PRESCRIPTION_PROGRESS,
  SOCIAL_PRESCRIPTION_SOURCES,
  type SocialPrescriptionDeclineReason,
  type SocialPrescriptionGoalProgress,
  type SocialPrescriptionProgress,
  type SocialPrescriptionSource,
  WELLBEING_MEASURE_CODES,
  WELLBEING_MEASURE_TIMINGS,
  type WellbeingMeasureCode,
  type WellbeingMeasureTiming,
} from './directory/v1/vocabulary';
export { type SocialPrescriptionMadeV1, SocialPrescriptionMadeV1Contract } from './directory/v1/social-prescription-made.contract';
export { type SocialPrescriptionAcceptedV1, SocialPrescriptionAcceptedV1Contract } from './directory/v1/social-prescription-accepted.contract';
export { type SocialPrescriptionDeclinedV1, SocialPrescriptionDeclinedV1Contract } from './directory/v1/social-prescription-declined.contract';
export { type SocialPrescriptionProgressedV1, SocialPrescriptionProgressedV1Contract } from './directory/v1/social-prescription-progressed.contract';
export {
  DIRECTORY_SERVICE_STATUSES,
  type DirectoryServiceStatus,
  type ServiceCapacityReportedV1,
  ServiceCapacityReportedV1Contract,
  type ServiceListedV1,
  ServiceListedV1Contract,
} from './directory/v1/service-listed.contract';
export { type WellbeingMeasureRecordedV1, WellbeingMeasureRecordedV1Contract } from './directory/v1/wellbeing-measure-recorded.contract';
export { directoryContracts } from './directory';
// Gap watch (issue 18): care-seeking thread opened, overdue, resolved.
export { type CareThreadOpenedV1, CareThreadOpenedV1Contract, CARE_THREAD_REFUSAL_OUTCOMES } from './referrals/v1/care-thread-opened.contract';
export { type CareThreadOverdueV1, CareThreadOverdueV1Contract } from './referrals/v1/care-thread-overdue.contract';
export {
  type CareThreadResolvedV1,
  CareThreadResolvedV1Contract,
  CARE_THREAD_RESOLUTIONS,
  CARE_ACCEPTANCE_SOURCES,
  CARE_THREAD_CLOSE_REASONS,
} from './referrals/v1/care-thread-resolved.contract';

export {
  addCalendarDays,
  calendarDaysBetween,
  type CourseOfTreatment,
  CRISIS_TIMERS_DEFINITION,
  type CrisisTimer,
  crisisTimers,
  type CrisisTimers,
  finishedCourse,
  londonCalendarDateOf,
  NATIONAL_WAITING_TIME_DEFINITION,
  nationalWaitDays,
  type NationalWaitingClock,
  nationalWaitingClock,
  nationalWaitingShares,
  type NationalWaitingShares,
  standardStatus,
  type StandardStatus,
  TALKING_THERAPIES_STEPS,
  type WaitingClockKind,
  waitingClockKindFor,
} from './waiting-times/national-waiting-times';
export { SUPPRESS_BELOW, suppressedCount, suppressedFigure } from './shared/small-numbers';
export {
  CRISIS_INFORMATION,
  CRISIS_INFORMATION_V1,
  type CrisisContact,
  type CrisisInformation,
} from './crisis-information/crisis-information';
export {
  TRANSPARENCY_LOGS,
  type TreeHeadSignedV1,
  treeHeadSignedV1Contract,
  TreeHeadSignedV1Payload,
} from './shared/transparency/tree-head-signed.contract';
export {
  ConsultationsPatientErasureConfirmedV1Contract,
  DirectoryPatientErasureConfirmedV1Contract,
  ERASURE_CONFIRMING_SERVICES,
  type ErasureConfirmingService,
  OutcomesPatientErasureConfirmedV1Contract,
  PATIENT_ERASURE_CONFIRMED_V1,
  type PatientErasureConfirmedV1,
  PatientErasureConfirmedV1Payload,
} from './shared/personal-data/patient-erasure-confirmed.contract';
