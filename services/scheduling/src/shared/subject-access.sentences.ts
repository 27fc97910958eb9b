import type { Provider } from '@nestjs/common';
import { SUBJECT_ACCESS_RENDERING, type SubjectAccessRendering } from '@stepwell/access';

const at = (data: Record<string, unknown>, field: string): string => (typeof data[field] === 'string' ? ` (${String(data[field])})` : '');

/** Scheduling's facts about a person in plain language, for their subject access request (issue 15 item 4). */
export const schedulingSubjectAccess: SubjectAccessRendering = {
  service: 'scheduling',
  sentences: {
    AppointmentBooked: (d) => `An appointment was booked for you${at(d, 'startsAt')}.`,
    AppointmentCancelled: (d) => `An appointment was cancelled${at(d, 'cancelledBy')}.`,
    AppointmentMovedIn: () => 'An appointment was moved to a new time.',
    AppointmentMovedOut: () => 'An appointment was moved away from this time.',
    AppointmentAttended: () => 'You attended an appointment.',
    AppointmentNotAttended: () => 'You did not attend an appointment.',
    AttendanceNoted: () => 'Your attendance was noted.',
    DidNotAttendNoted: () => 'A missed appointment was noted.',
    ContactAttemptRecorded: () => 'The service tried to contact you.',
    EngagementReviewNeeded: () => 'Your engagement with the service was flagged for review.',
    FollowUpTaskCreated: () => 'A follow-up task about you was created.',
    FollowUpTaskCompleted: () => 'A follow-up task about you was completed.',
    GroupPlaceBooked: () => 'A place in a group session was booked for you.',
    GroupPlaceCancelled: () => 'Your place in a group session was cancelled.',
    GroupAttendanceRecorded: () => 'Your attendance at a group session was recorded.',
  },
};

export const schedulingSubjectAccessProvider: Provider = { provide: SUBJECT_ACCESS_RENDERING, useValue: schedulingSubjectAccess };
