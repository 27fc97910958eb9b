import type { Step } from '../stepped-care/step';
import type {
  EpisodeDischarged,
  EpisodeFlaggedForClinicalReview,
  EpisodeOpened,
  EpisodeStepChanged,
} from './care-episode.events';

/** A waiting-time pause: the person was unavailable from `from` until `to` (null while it lasts). */
export interface WaitingPause {
  pauseId: string;
  from: string;
  to: string | null;
}

/** What is known about an opened episode, whatever its status. */
export interface EpisodeFacts {
  episodeId: string;
  referralId: string;
  /** Opaque id of the person; never an NHS number or a name. */
  patientSubjectId: string;
  /** The stepped-care step the person is at now. */
  step: Step;
  /** ODS code of the organisation giving care at the current step. */
  providingOrganisationId: string;
  /** When the referral was received: the waiting clock starts on its London date. */
  referralReceivedAt: string;
  registeredGpPracticeId: string | null;
  /** As opened, to recognise a repeated `OpenEpisode`. */
  opened: EpisodeOpened['data'];
  /** When the person opted in (dataset field); null until then. */
  optedInAt: string | null;
  /** Every waiting-time pause, in order; at most the last is open. */
  pauses: readonly WaitingPause[];
  /** The first attended treatment appointment: it stops the waiting clock. */
  firstTreatmentAppointment: { appointmentId: string; at: string } | null;
  /** Every step change, in order (the journey and idempotency read them). */
  stepChanges: readonly EpisodeStepChanged['data'][];
  /** Clinical review flags raised by scheduling's engagement review. */
  reviewFlags: readonly EpisodeFlaggedForClinicalReview['data'][];
}

/**
 * The care episode's status:
 * - `Waiting`: accepted, waiting for the first treatment appointment (the waiting clock runs);
 * - `Paused`: waiting, but the person is unavailable (the clock does not count these days);
 * - `InTreatment`: the first treatment appointment happened (the clock stopped);
 * - `Discharged`: care at this service ended; an outcome letter went to the GP.
 */
export type CareEpisodeState =
  | { status: 'NotOpened' }
  | ({ status: 'Waiting' } & EpisodeFacts)
  | ({ status: 'Paused'; openPause: WaitingPause } & EpisodeFacts)
  | ({ status: 'InTreatment' } & EpisodeFacts)
  | ({ status: 'Discharged'; discharge: EpisodeDischarged['data'] } & EpisodeFacts);

export type OpenedEpisodeState = Exclude<CareEpisodeState, { status: 'NotOpened' }>;

export const initialCareEpisodeState: CareEpisodeState = { status: 'NotOpened' };
