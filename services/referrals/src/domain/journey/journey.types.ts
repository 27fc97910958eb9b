import type { StepChangeEvidence } from '../care-episode/care-episode.events';
import type { WaitingClock } from '../care-episode/waiting-clock';
import type { Step, StepDirection } from '../stepped-care/step';

/** Who recorded or decided something: user, the organisation they acted for, their role. */
export interface JourneyActor {
  userId: string;
  organisationId: string;
  role: string;
}

/**
 * One event of this service as the store returns it (a structural subset of the event store's `RecordedEvent`, so
 * the domain needs no import of the store).
 */
export interface JourneySourceEvent {
  id?: string;
  streamId: string;
  type: string;
  data: unknown;
  metadata: { occurredAt: string; actor: JourneyActor; patientSubjectId?: string };
  /** When the store committed it: what `asOf` is compared with. */
  recordedAt: string;
  /** Commit order across all streams. */
  globalPosition: number;
}

export type JourneyEntryKind =
  | 'referral-received'
  | 'referral-completed'
  | 'referral-withdrawn'
  | 'referral-triaged'
  | 'episode-opened'
  | 'patient-opted-in'
  | 'waiting-clock-paused'
  | 'waiting-clock-resumed'
  | 'first-treatment-appointment'
  | 'step-changed'
  | 'flagged-for-clinical-review'
  | 'episode-discharged'
  | 'outcome-letter-requested'
  /** Two patient records were merged by an admin (`reason` is the admin's), or the merge was reversed. */
  | 'patient-records-merged'
  | 'patient-records-unmerged';

/** One decision or fact on the patient's timeline. */
export interface JourneyEntry {
  kind: JourneyEntryKind;
  /** The stored event type it comes from. */
  eventType: string;
  globalPosition: number;
  /** When it happened in the world (the timeline's order). */
  occurredAt: string;
  /** When the record learnt it (a late entry has `recordedAt` well after `occurredAt`). */
  recordedAt: string;
  referralId: string | null;
  episodeId: string | null;
  /** Who decided: the clinician in the command, or the principal who recorded it. */
  decidedBy: JourneyActor;
  /** The organisation the decision concerns (receiving, providing, or the one the episode moved to). */
  organisationId: string | null;
  /** A code (or, for a referral's receipt, the referrer's reason). */
  reason: string | null;
  note: string | null;
  /** For triage decisions: accept, decline, signpost, ... */
  triageOutcome: string | null;
  /** For openings and step changes: the step moved from (null at an opening) and to. */
  fromStep: Step | null;
  toStep: Step | null;
  direction: StepDirection | null;
  fromOrganisationId: string | null;
  toOrganisationId: string | null;
  /** What a step change rested on. */
  evidence: StepChangeEvidence | null;
}

/** A stretch of time the person spent at one step with one organisation. */
export interface JourneyStepSpan {
  episodeId: string;
  step: Step;
  organisationId: string;
  from: string;
  /** Null while the person is still at this step (as of the journey's instant). */
  until: string | null;
  /** Who put the person at this step, why, and on what scores or consultation (null for the opening). */
  enteredBy: JourneyActor;
  enteredBecause: string;
  evidence: StepChangeEvidence | null;
}

export interface JourneyReferral {
  referralId: string;
  /** `received`, `withdrawn`, or the triage outcome (`accepted`, `declined`, ...). */
  status: string;
  source: string | null;
  urgency: string | null;
  receivingOrganisationId: string | null;
  receivedAt: string | null;
  /** The consultation whose answer made the referral (source `consultation`, hazard H-CB1); null otherwise. */
  consultationId: string | null;
  /** The MDT case whose decision made the referral (source `consultation`, issue 16 item 6); null otherwise. */
  mdtCaseId: string | null;
}

/**
 * An MDT case about the person as referrals knows it from the consultations service's events (issue 16 item 6): ids,
 * organisations, the coded decision and its time — never the question or the summary. `referralIds`: the referrals
 * its decision made.
 */
export interface JourneyMdtCase {
  caseId: string;
  meetingId: string;
  hostOrganisationId: string;
  presentingOrganisationId: string;
  decision: string;
  decidedAt: string;
  referralIds: string[];
  /**
   * The MDT decided to refer the person without their consent, for a recognised reason (`consentNotNeededBecause`,
   * the contracts' `CONSENT_NOT_NEEDED_REASONS` code): referrals did not create the referral, since a referral here
   * records that the person agreed to sharing and no other lawful basis can be recorded on it — the presenting
   * clinician must refer through the ordinary route (hazard H-MR2). Null for every other case.
   */
  referralNotCreated: { because: 'consent-not-needed'; consentNotNeededBecause: string; receivingOrganisationId: string } | null;
}

/**
 * A consultation about the person as referrals knows it from the consultations service's events (issue 16): ids,
 * organisations, times and the coded outcome — never the question, formulation or advice. `referralIds`: the
 * referrals it made.
 */
export interface JourneyConsultation {
  consultationId: string;
  requestingOrganisationId: string | null;
  consultationServiceId: string | null;
  requestedAt: string;
  outcome: string | null;
  answeredAt: string | null;
  referralIds: string[];
}

export interface JourneyEpisode {
  episodeId: string;
  referralId: string;
  status: 'Waiting' | 'Paused' | 'InTreatment' | 'Discharged';
  step: Step;
  providingOrganisationId: string;
  openedAt: string;
  dischargedAt: string | null;
  dischargeReason: string | null;
  /** The waiting clock as of the journey's instant. */
  waitingClock: WaitingClock;
}

/** An event the journey could not read; kept visible rather than dropped silently. */
export interface JourneyOddity {
  globalPosition: number;
  eventType: string;
  why: string;
}

export interface PatientJourney {
  /** The instant the journey describes: only events recorded at or before it are used. */
  asOf: string;
  referrals: JourneyReferral[];
  episodes: JourneyEpisode[];
  /** Every decision and fact, in the order it happened (ties broken by commit order). */
  timeline: JourneyEntry[];
  /** The steps the person went through, in order. */
  steps: JourneyStepSpan[];
  oddities: JourneyOddity[];
}
