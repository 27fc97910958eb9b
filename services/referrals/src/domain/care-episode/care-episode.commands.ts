import type { DischargeReason } from '../stepped-care/discharge-reason';
import type { StepChangeReason } from '../stepped-care/step-change-reason';
import type { Step } from '../stepped-care/step';
import type {
  ClinicalReviewTrigger,
  EpisodeActor,
  PauseReason,
  ScoreEvidence,
} from './care-episode.events';

/** Who, when and (optionally) the note, on every command. Time arrives here: the decider never reads a clock. */
interface EpisodeCommandBase {
  episodeId: string;
  decidedBy: EpisodeActor;
  /** ISO 8601 instant with a zone: when it happened in the world. */
  at: string;
  note?: string;
}

/** Triage accepted a referral to a step at a providing organisation. */
export interface OpenEpisode extends EpisodeCommandBase {
  type: 'OpenEpisode';
  referralId: string;
  patientSubjectId: string;
  step: Step;
  providingOrganisationId: string;
  referralReceivedAt: string;
  registeredGpPracticeId: string | null;
}

/** The person confirmed they want the service (the dataset's opt-in date). */
export interface RecordOptIn extends EpisodeCommandBase {
  type: 'RecordOptIn';
}

/** The person is unavailable (holiday, hospital stay, ...) from `at`: the waiting clock stops counting. */
export interface PauseWaitingClock extends EpisodeCommandBase {
  type: 'PauseWaitingClock';
  pauseId: string;
  reason: PauseReason;
}

/** The person is available again from `at`. */
export interface EndPause extends EpisodeCommandBase {
  type: 'EndPause';
  pauseId: string;
}

/** From the scheduling service: the first treatment appointment was attended at `at`. */
export interface RecordFirstTreatmentAppointment extends EpisodeCommandBase {
  type: 'RecordFirstTreatmentAppointment';
  appointmentId: string;
}

/** Step up, down or across, possibly to another organisation, on stated evidence. */
export interface ChangeStep extends EpisodeCommandBase {
  type: 'ChangeStep';
  /** Chosen by the caller (or derived from its idempotency key): a retried request carries the same id. */
  stepChangeId: string;
  toStep: Step;
  providingOrganisationId: string;
  reason: StepChangeReason;
  scores?: ScoreEvidence[];
  consultationId?: string | null;
  /** The MDT case discussion the move rests on (issue 16 item 6); checked against the MDT cases referrals knows. */
  mdtCaseId?: string | null;
}

/** From scheduling's engagement review: someone should look at this episode (never an automatic discharge). */
export interface FlagForClinicalReview extends EpisodeCommandBase {
  type: 'FlagForClinicalReview';
  reviewId: string;
  trigger: ClinicalReviewTrigger;
  missedAppointments?: number | null;
}

export interface Discharge extends EpisodeCommandBase {
  type: 'Discharge';
  reason: DischargeReason;
  followUpAttempts?: number | null;
}

export type CareEpisodeCommand =
  | OpenEpisode
  | RecordOptIn
  | PauseWaitingClock
  | EndPause
  | RecordFirstTreatmentAppointment
  | ChangeStep
  | FlagForClinicalReview
  | Discharge;
