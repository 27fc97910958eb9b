import type { PersonalFieldsOf } from '@stepwell/decider';
import type { DischargeReason } from '../stepped-care/discharge-reason';
import type { Measure } from '../stepped-care/measure';
import type { StepChangeReason } from '../stepped-care/step-change-reason';
import type { Step, StepDirection } from '../stepped-care/step';

/** Who decided: the authenticated clinician or admin, or a service account for facts from another service. */
export interface EpisodeActor {
  userId: string;
  /** ODS code of the organisation the person acted for. */
  organisationId: string;
  role: string;
}

/**
 * What every episode event says besides its own facts, so that an auditor replaying the stream needs nothing else:
 * who decided, for which organisation, why (a code, plus an optional note), and when it happened in the world.
 * (When it was *recorded* is the store's `recordedAt`.)
 */
export interface EpisodeDecision<Reason extends string = string> {
  episodeId: string;
  decidedBy: EpisodeActor;
  /** ODS code of the organisation the decision concerns: the providing organisation of the episode at that point. */
  organisationId: string;
  reason: Reason;
  /**
   * Clinical free text. It may hold personal data: it is never published or logged, and it is sealed with the
   * person's key in the store (`CARE_EPISODE_PERSONAL_FIELDS`), so it reads as `[erased]` after an erasure.
   */
  note?: string;
  /** ISO 8601 instant the decision took effect. */
  at: string;
}

export interface ScoreEvidence {
  measure: Measure;
  score: number;
  /** ISO 8601 instant the measure was completed. */
  recordedAt: string;
  /** The outcomes service's observation id, when known. */
  observationId?: string;
}

/** What a step change rests on: scores, a specialist consultation, or both. */
export interface StepChangeEvidence {
  scores: ScoreEvidence[];
  consultationId: string | null;
  /** The MDT case a referral rests on (a journey entry's evidence; issue 16 item 6). Absent otherwise. */
  mdtCaseId?: string | null;
}

export type EpisodeOpened = {
  type: 'EpisodeOpened';
  data: EpisodeDecision<'referral-accepted'> & {
    referralId: string;
    patientSubjectId: string;
    step: Step;
    /** ISO 8601 instant the referral was received: the waiting clock starts on its London date. */
    referralReceivedAt: string;
    /** ODS code of the person's registered GP practice (outcome letters go there); null when not registered. */
    registeredGpPracticeId: string | null;
  };
};

export type PatientOptedIn = {
  type: 'PatientOptedIn';
  data: EpisodeDecision<'patient-opted-in'>;
};

export const PAUSE_REASONS = ['patient-unavailable'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export type WaitingClockPaused = {
  type: 'WaitingClockPaused';
  data: EpisodeDecision<PauseReason> & { pauseId: string };
};

/**
 * Why a pause ended: the person is available again; the first treatment appointment shows they were; or the
 * episode was discharged while paused (the pause closes so that no open pause outlives the episode).
 */
export type PauseEndReason = 'patient-available' | 'first-treatment-appointment' | 'episode-discharged';

export type WaitingClockPauseEnded = {
  type: 'WaitingClockPauseEnded';
  data: EpisodeDecision<PauseEndReason> & { pauseId: string };
};

export type FirstTreatmentAppointmentRecorded = {
  type: 'FirstTreatmentAppointmentRecorded';
  data: EpisodeDecision<'first-treatment-appointment-attended'> & { appointmentId: string };
};

export type EpisodeStepChanged = {
  type: 'EpisodeStepChanged';
  data: EpisodeDecision<StepChangeReason> & {
    stepChangeId: string;
    fromStep: Step;
    toStep: Step;
    fromOrganisationId: string;
    /** Same as `organisationId`: the organisation that provides care from now on. */
    toOrganisationId: string;
    direction: StepDirection;
    evidence: StepChangeEvidence;
  };
};

export const CLINICAL_REVIEW_TRIGGERS = ['missed-appointments', 'no-contact', 'risk-concern'] as const;
export type ClinicalReviewTrigger = (typeof CLINICAL_REVIEW_TRIGGERS)[number];

export type EpisodeFlaggedForClinicalReview = {
  type: 'EpisodeFlaggedForClinicalReview';
  data: EpisodeDecision<ClinicalReviewTrigger> & {
    reviewId: string;
    /** Missed appointments behind the flag, when the trigger is missed appointments. */
    missedAppointments: number | null;
  };
};

export type EpisodeDischarged = {
  type: 'EpisodeDischarged';
  data: EpisodeDecision<DischargeReason> & {
    step: Step;
    /** Recorded follow-up attempts (required above zero when the reason is disengagement). */
    followUpAttempts: number | null;
  };
};

/** Asks the letters workflow to send the registered GP an outcome letter for the episode. */
export type OutcomeLetterRequested = {
  type: 'OutcomeLetterRequested';
  data: EpisodeDecision<'episode-discharged'> & {
    /** Null when the person has no registered practice: the letter then goes to the person only. */
    gpPracticeId: string | null;
    dischargeReason: DischargeReason;
  };
};

export type CareEpisodeEvent =
  | EpisodeOpened
  | PatientOptedIn
  | WaitingClockPaused
  | WaitingClockPauseEnded
  | FirstTreatmentAppointmentRecorded
  | EpisodeStepChanged
  | EpisodeFlaggedForClinicalReview
  | EpisodeDischarged
  | OutcomeLetterRequested;

export type CareEpisodeEventType = CareEpisodeEvent['type'];

export const CARE_EPISODE_EVENT_TYPES = [
  'EpisodeOpened',
  'PatientOptedIn',
  'WaitingClockPaused',
  'WaitingClockPauseEnded',
  'FirstTreatmentAppointmentRecorded',
  'EpisodeStepChanged',
  'EpisodeFlaggedForClinicalReview',
  'EpisodeDischarged',
  'OutcomeLetterRequested',
] as const satisfies readonly CareEpisodeEventType[];

/** Every episode event's clinical note is sealed with the person's key (issue 15). */
export const CARE_EPISODE_PERSONAL_FIELDS = Object.fromEntries(
  CARE_EPISODE_EVENT_TYPES.map((type) => [type, ['note']]),
) as PersonalFieldsOf<CareEpisodeEvent>;
