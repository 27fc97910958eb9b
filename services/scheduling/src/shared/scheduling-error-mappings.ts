import type { ErrorMapping } from '@stepwell/http';

/** The scheduling domain's error codes, added to the shared table (ILLEGAL_TRANSITION etc. come from there). */
/**
 * Every error code the scheduling service answers with beyond the shared table: a code thrown (e.g. through
 * `NotFoundError<SchedulingErrorCode>`) must be in this union, and the union must be mapped below, or the build fails.
 */
export type SchedulingErrorCode =
  | 'CLINICIAN_NOT_FOUND'
  | 'CLINICIAN_ALREADY_EXISTS'
  | 'CLINICIAN_MISMATCH'
  | 'OTHER_ORGANISATION'
  | 'EPISODE_NOT_FOUND'
  | 'NOT_EPISODE_PROVIDER'
  | 'EPISODE_DISCHARGED'
  | 'SITE_NOT_OF_CLINICIAN'
  | 'INVALID_ROLE'
  | 'INVALID_LANGUAGE'
  | 'SESSION_OVERLAPS'
  | 'SESSION_ID_IN_USE'
  | 'SESSION_NOT_FOUND'
  | 'SESSION_ALREADY_STARTED'
  | 'SESSION_IN_THE_PAST'
  | 'SESSION_END_NOT_AFTER_START'
  | 'SLOT_LENGTH_NOT_ALLOWED'
  | 'SLOT_LENGTH_DOES_NOT_DIVIDE_SESSION'
  | 'LOCAL_TIME_IN_DST_GAP'
  | 'LOCAL_TIME_AMBIGUOUS'
  | 'INVALID_LOCAL_DATE'
  | 'INVALID_LOCAL_TIME'
  | 'INVALID_MODES'
  | 'INVALID_PURPOSES'
  | 'INVALID_EMBARGO'
  | 'SLOT_NOT_FOUND'
  | 'SLOT_ALREADY_BOOKED'
  | 'SLOT_FACTS_CONFLICT'
  | 'NOT_BOOKABLE'
  | 'MODE_NOT_OFFERED'
  | 'PURPOSE_NOT_OFFERED'
  | 'PATIENT_DOUBLE_BOOKED'
  | 'APPOINTMENT_ID_CONFLICT'
  | 'APPOINTMENT_NOT_FOUND'
  | 'APPOINTMENT_ALREADY_STARTED'
  | 'SAME_SLOT'
  | 'ATTENDANCE_BEFORE_START'
  | 'INVALID_DURATION'
  | 'INVALID_ATTENDANCE'
  | 'INVALID_REASON'
  | 'INVALID_CANCELLED_BY'
  | 'INVALID_SLOT'
  | 'INVALID_INSTANT'
  | 'EPISODE_MISMATCH'
  | 'TASK_NOT_FOUND'
  | 'INVALID_CONTACT'
  | 'INVALID_OUTCOME'
  | 'GROUP_SESSION_NOT_FOUND'
  | 'GROUP_SESSION_ID_IN_USE'
  | 'GROUP_FULL'
  | 'INVALID_CAPACITY'
  | 'INVALID_GROUP_SESSION'
  | 'PLACE_NOT_FOUND'
  | 'OFFER_NOT_FOUND'
  | 'OFFER_NOT_OPEN';

export const SCHEDULING_ERROR_MAPPINGS = {
  CLINICIAN_NOT_FOUND: { status: 404, slug: 'clinician-not-found', title: 'Clinician not found' },
  CLINICIAN_ALREADY_EXISTS: { status: 409, slug: 'clinician-already-exists', title: 'A different clinician has this id' },
  CLINICIAN_MISMATCH: { status: 409, slug: 'clinician-mismatch', title: 'This diary belongs to another clinician' },
  OTHER_ORGANISATION: { status: 403, slug: 'other-organisation', title: 'This belongs to another organisation' },
  EPISODE_NOT_FOUND: { status: 404, slug: 'episode-not-found', title: 'No such episode for this patient' },
  NOT_EPISODE_PROVIDER: { status: 403, slug: 'not-episode-provider', title: 'Another organisation provides this episode' },
  EPISODE_DISCHARGED: { status: 409, slug: 'episode-discharged', title: 'The episode has been discharged' },
  SITE_NOT_OF_CLINICIAN: { status: 422, slug: 'site-not-of-clinician', title: 'The clinician does not work at that site' },
  INVALID_ROLE: { status: 400, slug: 'invalid-role', title: 'Unknown clinician role' },
  INVALID_LANGUAGE: { status: 400, slug: 'invalid-language', title: 'Languages are ISO 639 codes' },
  SESSION_OVERLAPS: { status: 409, slug: 'session-overlaps', title: 'The clinician already has a session at that time' },
  SESSION_ID_IN_USE: { status: 409, slug: 'session-id-in-use', title: 'A different session already has this id' },
  SESSION_NOT_FOUND: { status: 404, slug: 'session-not-found', title: 'Session not found' },
  SESSION_ALREADY_STARTED: { status: 409, slug: 'session-already-started', title: 'The session has started' },
  SESSION_IN_THE_PAST: { status: 422, slug: 'session-in-the-past', title: 'A session must start in the future' },
  SESSION_END_NOT_AFTER_START: { status: 422, slug: 'session-end-not-after-start', title: 'A session must end after it starts' },
  SLOT_LENGTH_NOT_ALLOWED: { status: 422, slug: 'slot-length-not-allowed', title: 'Slots last 15, 30, 45 or 60 minutes' },
  SLOT_LENGTH_DOES_NOT_DIVIDE_SESSION: {
    status: 422,
    slug: 'slot-length-does-not-divide-session',
    title: 'The session is not a whole number of slots',
  },
  LOCAL_TIME_IN_DST_GAP: { status: 422, slug: 'nonexistent-local-time', title: 'That local time does not exist (clocks go forward)' },
  LOCAL_TIME_AMBIGUOUS: { status: 422, slug: 'ambiguous-local-time', title: 'That local time happens twice (clocks go back)' },
  INVALID_LOCAL_DATE: { status: 400, slug: 'invalid-local-date', title: 'Not a valid date' },
  INVALID_LOCAL_TIME: { status: 400, slug: 'invalid-local-time', title: 'Not a valid time' },
  INVALID_MODES: { status: 400, slug: 'invalid-modes', title: 'Unknown appointment mode' },
  INVALID_PURPOSES: { status: 400, slug: 'invalid-purposes', title: 'Unknown appointment purpose' },
  INVALID_EMBARGO: { status: 400, slug: 'invalid-embargo', title: 'Unknown embargo' },
  SLOT_NOT_FOUND: { status: 404, slug: 'slot-not-found', title: 'Slot not found' },
  SLOT_ALREADY_BOOKED: { status: 409, slug: 'slot-already-booked', title: 'The slot is already booked' },
  SLOT_FACTS_CONFLICT: { status: 409, slug: 'slot-facts-conflict', title: 'The slot was opened with other facts' },
  NOT_BOOKABLE: { status: 409, slug: 'not-bookable', title: 'The slot cannot be booked now' },
  MODE_NOT_OFFERED: { status: 422, slug: 'mode-not-offered', title: 'The slot is not offered in that mode' },
  PURPOSE_NOT_OFFERED: { status: 422, slug: 'purpose-not-offered', title: 'The slot is not offered for that purpose' },
  PATIENT_DOUBLE_BOOKED: { status: 409, slug: 'patient-double-booked', title: 'The patient already has an appointment then' },
  APPOINTMENT_ID_CONFLICT: { status: 409, slug: 'appointment-id-conflict', title: 'This appointment id was used differently' },
  APPOINTMENT_NOT_FOUND: { status: 404, slug: 'appointment-not-found', title: 'Appointment not found' },
  APPOINTMENT_ALREADY_STARTED: { status: 409, slug: 'appointment-already-started', title: 'The appointment has started' },
  SAME_SLOT: { status: 409, slug: 'same-slot', title: 'The appointment already holds that slot' },
  ATTENDANCE_BEFORE_START: { status: 409, slug: 'attendance-before-start', title: 'Attendance can be recorded once it starts' },
  INVALID_DURATION: { status: 400, slug: 'invalid-duration', title: 'Attended duration out of range' },
  INVALID_ATTENDANCE: { status: 400, slug: 'invalid-attendance', title: 'Unknown attendance outcome' },
  INVALID_REASON: { status: 400, slug: 'invalid-reason', title: 'Unknown reason code' },
  INVALID_CANCELLED_BY: { status: 400, slug: 'invalid-cancelled-by', title: 'cancelledBy is patient or service' },
  INVALID_SLOT: { status: 400, slug: 'invalid-slot', title: 'Invalid slot' },
  INVALID_INSTANT: { status: 400, slug: 'invalid-instant', title: 'Not a valid ISO 8601 instant' },
  EPISODE_MISMATCH: { status: 409, slug: 'episode-mismatch', title: 'This record belongs to another episode' },
  TASK_NOT_FOUND: { status: 404, slug: 'task-not-found', title: 'Follow-up task not found' },
  INVALID_CONTACT: { status: 400, slug: 'invalid-contact', title: 'Unknown contact method or outcome' },
  INVALID_OUTCOME: { status: 400, slug: 'invalid-outcome', title: 'Unknown outcome' },
  GROUP_SESSION_NOT_FOUND: { status: 404, slug: 'group-session-not-found', title: 'Group session not found' },
  GROUP_SESSION_ID_IN_USE: { status: 409, slug: 'group-session-id-in-use', title: 'Another group session has this id' },
  GROUP_FULL: { status: 409, slug: 'group-full', title: 'Every place in the group is taken' },
  INVALID_CAPACITY: { status: 400, slug: 'invalid-capacity', title: 'Invalid capacity' },
  INVALID_GROUP_SESSION: { status: 400, slug: 'invalid-group-session', title: 'Invalid group session' },
  PLACE_NOT_FOUND: { status: 404, slug: 'place-not-found', title: 'The patient holds no place in this group' },
  OFFER_NOT_FOUND: { status: 404, slug: 'offer-not-found', title: 'Offer not found' },
  OFFER_NOT_OPEN: { status: 409, slug: 'offer-not-open', title: 'The offer was accepted, declined or has expired' },
} as const satisfies Record<SchedulingErrorCode, ErrorMapping>;
