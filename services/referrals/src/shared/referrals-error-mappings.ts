import type { ErrorMapping } from '@stepwell/http';

/** The referral domain's error codes, added to the shared table (ILLEGAL_TRANSITION etc. come from there). */
/**
 * Every error code the referrals service answers with beyond the shared table: a code thrown (e.g. through
 * `NotFoundError<ReferralsErrorCode>`) must be in this union, and the union must be mapped below, or the build fails.
 */
export type ReferralsErrorCode =
  | 'REFERRAL_NOT_FOUND'
  | 'REFERRAL_ALREADY_EXISTS'
  | 'REFERRAL_ALREADY_TRIAGED'
  | 'INVALID_TRIAGE_DECISION'
  | 'UNKNOWN_DIRECTORY_SERVICE'
  | 'DIRECTORY_SERVICE_NOT_ACTIVE'
  | 'CONSENT_REQUIRED'
  | 'IDENTITY_VERIFICATION_NOT_NEEDED'
  | 'INVALID_DEMOGRAPHICS'
  | 'INVALID_MERGE_TARGET'
  | 'PATIENT_MERGE_CONFLICT'
  | 'PATIENT_NOT_FOUND'
  | 'EPISODE_NOT_FOUND'
  | 'RATE_LIMITED'
  | 'EPISODE_NOT_OPEN'
  | 'EPISODE_ALREADY_OPEN'
  | 'ALREADY_DISCHARGED'
  | 'SAME_STEP'
  | 'EVIDENCE_REQUIRED'
  | 'INVALID_VALUE'
  | 'PAUSE_NOT_OPEN'
  | 'PAUSE_ALREADY_OPEN'
  | 'INVALID_DATE'
  | 'ALREADY_OPTED_IN'
  | 'FIRST_APPOINTMENT_ALREADY_RECORDED'
  | 'FOLLOW_UP_REQUIRED'
  | 'STEP_NOT_ACCEPTABLE'
  | 'CONFLICTING_REPEAT'
  | 'REFERRAL_INCOMPLETE'
  | 'REFERRAL_NOT_COMPLETE'
  | 'INVALID_COMPLETION'
  // Retention (issue 15 item 3).
  | 'LEGAL_HOLD_NOT_FOUND'
  | 'LEGAL_HOLD_ACTIVE'
  | 'RETENTION_NOT_DUE'
  | 'RECORD_DESTROYED'
  // Gap watch (issue 18): care-seeking threads.
  | 'CARE_THREAD_NOT_FOUND'
  | 'CARE_THREAD_ALREADY_RESOLVED'
  // Subject access export (issue 15 item 4).
  | 'SUBJECT_ACCESS_EXPORT_NOT_FOUND'
  | 'SUBJECT_ACCESS_EXPORT_RELEASED'
  | 'SUBJECT_ACCESS_EXPORT_INCOMPLETE'
  | 'SUBJECT_ACCESS_EXPORT_NOT_RELEASED'
  | 'SUBJECT_ACCESS_ENTRY_NOT_FOUND'
  // Erasure (issue 15 item 2).
  | 'ERASURE_NOT_FOUND';

export const REFERRALS_ERROR_MAPPINGS = {
  REFERRAL_NOT_FOUND: { status: 404, slug: 'referral-not-found', title: 'Referral not found' },
  REFERRAL_ALREADY_EXISTS: { status: 409, slug: 'referral-already-exists', title: 'A different referral has this id' },
  REFERRAL_ALREADY_TRIAGED: { status: 409, slug: 'referral-already-triaged', title: 'The referral was already triaged differently' },
  INVALID_TRIAGE_DECISION: { status: 400, slug: 'invalid-triage-decision', title: 'The triage decision is not valid' },
  // Issue 17 item 4 (H-DR3): a signpost names a directory service referrals knows from the directory's events.
  UNKNOWN_DIRECTORY_SERVICE: { status: 422, slug: 'unknown-directory-service', title: 'The directory service named is not one the directory has listed (directoryServiceId)' },
  DIRECTORY_SERVICE_NOT_ACTIVE: { status: 422, slug: 'directory-service-not-active', title: 'The directory service named is not active (directoryServiceId)' },
  CONSENT_REQUIRED: { status: 400, slug: 'consent-required', title: 'A referral needs consent to share' },
  IDENTITY_VERIFICATION_NOT_NEEDED: { status: 409, slug: 'identity-verification-not-needed', title: 'Only a self-referral’s identity is verified' },
  INVALID_DEMOGRAPHICS: { status: 400, slug: 'invalid-demographics', title: 'The patient details are not valid' },
  INVALID_MERGE_TARGET: { status: 409, slug: 'invalid-merge-target', title: 'The merge target is not an open referral of the same person visible to you' },
  PATIENT_MERGE_CONFLICT: { status: 409, slug: 'patient-merge-conflict', title: 'The patient records cannot be merged or unmerged as asked' },
  PATIENT_NOT_FOUND: { status: 404, slug: 'patient-not-found', title: 'Patient not found' },
  EPISODE_NOT_FOUND: { status: 404, slug: 'episode-not-found', title: 'Care episode not found' },
  RATE_LIMITED: { status: 429, slug: 'rate-limited', title: 'Too many requests' },
  // The care-episode decider's refusals (domain/care-episode/care-episode.errors.ts).
  EPISODE_NOT_OPEN: { status: 404, slug: 'episode-not-found', title: 'Care episode not found' },
  EPISODE_ALREADY_OPEN: { status: 409, slug: 'episode-already-open', title: 'The episode is already open with other details' },
  ALREADY_DISCHARGED: { status: 409, slug: 'already-discharged', title: 'The episode was discharged' },
  SAME_STEP: { status: 409, slug: 'same-step', title: 'The episode is already at that step and organisation' },
  EVIDENCE_REQUIRED: { status: 400, slug: 'evidence-required', title: 'A step change needs scores or a consultation' },
  INVALID_VALUE: { status: 400, slug: 'invalid-value', title: 'A value is out of range or unknown' },
  PAUSE_NOT_OPEN: { status: 409, slug: 'pause-not-open', title: 'That pause is not the open one' },
  PAUSE_ALREADY_OPEN: { status: 409, slug: 'pause-already-open', title: 'Another pause is open' },
  INVALID_DATE: { status: 400, slug: 'invalid-date', title: 'A date is not valid here' },
  ALREADY_OPTED_IN: { status: 409, slug: 'already-opted-in', title: 'The patient already opted in' },
  FIRST_APPOINTMENT_ALREADY_RECORDED: { status: 409, slug: 'first-appointment-already-recorded', title: 'A first treatment appointment is already recorded' },
  FOLLOW_UP_REQUIRED: { status: 400, slug: 'follow-up-required', title: 'A discharge for disengagement needs recorded follow-up attempts' },
  STEP_NOT_ACCEPTABLE: { status: 400, slug: 'step-not-acceptable', title: 'Triage cannot accept to that step' },
  CONFLICTING_REPEAT: { status: 409, slug: 'conflicting-repeat', title: 'That id was already used for a different command' },
  // Incomplete referrals (issue 12 item 9).
  REFERRAL_INCOMPLETE: { status: 400, slug: 'referral-incomplete', title: 'The referral lacks required answers' },
  REFERRAL_NOT_COMPLETE: { status: 409, slug: 'referral-not-complete', title: 'The referral must be completed first' },
  INVALID_COMPLETION: { status: 400, slug: 'invalid-completion', title: 'The completion is not valid' },
  // Retention (issue 15 item 3).
  LEGAL_HOLD_NOT_FOUND: { status: 404, slug: 'legal-hold-not-found', title: 'No such legal hold on this record' },
  LEGAL_HOLD_ACTIVE: { status: 409, slug: 'legal-hold-active', title: 'A legal hold is in force' },
  RETENTION_NOT_DUE: { status: 409, slug: 'retention-not-due', title: 'The retention period has not ended' },
  RECORD_DESTROYED: { status: 409, slug: 'record-destroyed', title: 'The record was destroyed at the end of its retention period' },
  CARE_THREAD_NOT_FOUND: { status: 404, slug: 'care-thread-not-found', title: 'Care thread not found' },
  CARE_THREAD_ALREADY_RESOLVED: { status: 409, slug: 'care-thread-already-resolved', title: 'The care thread is already resolved' },
  // Subject access export (issue 15 item 4).
  SUBJECT_ACCESS_EXPORT_NOT_FOUND: { status: 404, slug: 'subject-access-export-not-found', title: 'Subject access export not found' },
  SUBJECT_ACCESS_EXPORT_RELEASED: { status: 409, slug: 'subject-access-export-released', title: 'The export was released and can no longer change' },
  SUBJECT_ACCESS_EXPORT_INCOMPLETE: { status: 409, slug: 'subject-access-export-incomplete', title: 'Some services’ holdings are not gathered yet: retry the export' },
  SUBJECT_ACCESS_EXPORT_NOT_RELEASED: { status: 409, slug: 'subject-access-export-not-released', title: 'The export is not released yet' },
  SUBJECT_ACCESS_ENTRY_NOT_FOUND: { status: 422, slug: 'subject-access-entry-not-found', title: 'No entry with that id in this export (entryId)' },
  ERASURE_NOT_FOUND: { status: 404, slug: 'erasure-not-found', title: 'No such erasure was decided for this person' },
} as const satisfies Record<ReferralsErrorCode, ErrorMapping>;
