import type { Instant, LocalDate } from '../time/europe-london';

/** Attendance as the engagement rules see it (from individual appointments and group places alike). */
export type NotedOutcome = 'attended' | 'did-not-attend' | 'arrived-late-not-seen';

export const CONTACT_METHODS = ['telephone', 'text-message', 'letter', 'email', 'video', 'in-person'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** `reached`: a two-way conversation with the person; anything else is an attempt that did not reach them. */
export const CONTACT_OUTCOMES = ['reached', 'no-answer', 'voicemail-left', 'message-sent', 'wrong-number'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export interface NoteAttendance {
  type: 'NoteAttendance';
  episodeId: string;
  patientSubjectId: string;
  appointmentId: string;
  appointmentStartsAt: Instant;
  outcome: NotedOutcome;
  notedAt: Instant;
  /** ODS code of the organisation whose appointment it was: named in the review it may raise. */
  organisationId?: string;
  /** Bank holidays (Europe/London dates) around `notedAt`, for the follow-up due date. */
  bankHolidays: readonly LocalDate[];
}

export interface RecordContactAttempt {
  type: 'RecordContactAttempt';
  taskId: string;
  attemptId: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  attemptedBy: string;
  attemptedAt: Instant;
}

export type EngagementCommand = NoteAttendance | RecordContactAttempt;

export type DidNotAttendNoted = {
  type: 'DidNotAttendNoted';
  data: { episodeId: string; patientSubjectId: string; appointmentId: string; appointmentStartsAt: Instant; notedAt: Instant };
};
export type AttendanceNoted = {
  type: 'AttendanceNoted';
  data: {
    episodeId: string;
    patientSubjectId: string;
    appointmentId: string;
    appointmentStartsAt: Instant;
    outcome: 'attended' | 'arrived-late-not-seen';
    notedAt: Instant;
  };
};
/** A task for the team: try to reach the person by `dueOn` (2 working days after the DNA was noted). */
export type FollowUpTaskCreated = {
  type: 'FollowUpTaskCreated';
  data: { taskId: string; episodeId: string; patientSubjectId: string; appointmentId: string; dueOn: LocalDate; createdAt: Instant };
};
export type ContactAttemptRecorded = {
  type: 'ContactAttemptRecorded';
  data: {
    taskId: string;
    attemptId: string;
    episodeId: string;
    method: ContactMethod;
    outcome: ContactOutcome;
    attemptedBy: string;
    attemptedAt: Instant;
  };
};
export type FollowUpTaskCompleted = {
  type: 'FollowUpTaskCompleted';
  data: { taskId: string; episodeId: string; how: 'contact-made' | 'attended-since'; completedAt: Instant };
};
/**
 * Two consecutive DNAs with no successful contact in between or since: the clinician and the referrals service
 * review the episode. A review is never a discharge: nothing in these rules ends an episode.
 */
export type EngagementReviewNeeded = {
  type: 'EngagementReviewNeeded';
  data: { episodeId: string; patientSubjectId: string; organisationId?: string; dnaAppointmentIds: string[]; raisedAt: Instant };
};

export type EngagementEvent =
  | DidNotAttendNoted
  | AttendanceNoted
  | FollowUpTaskCreated
  | ContactAttemptRecorded
  | FollowUpTaskCompleted
  | EngagementReviewNeeded;

export interface FollowUpTask {
  appointmentId: string;
  dueOn: LocalDate;
  status: 'open' | 'completed';
  attemptIds: string[];
}

/**
 * Engagement of one person in one episode (one stream per episode).
 * - `Untracked`: no attendance noted yet.
 * - `Tracked`: `outcomes` by appointment id, with the appointment's start (the order that "consecutive" means);
 *   `reachedAt`: when contact attempts reached the person; `tasks` by id; `reviews`: the DNAs each review covered.
 */
export type EngagementState =
  | { status: 'Untracked' }
  | {
      status: 'Tracked';
      episodeId: string;
      patientSubjectId: string;
      outcomes: Readonly<Record<string, { outcome: NotedOutcome; startsAt: Instant }>>;
      reachedAt: readonly Instant[];
      tasks: Readonly<Record<string, FollowUpTask>>;
      reviews: readonly (readonly string[])[];
    };
