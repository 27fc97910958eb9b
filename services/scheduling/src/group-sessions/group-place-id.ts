import { deterministicUuid } from '@stepwell/decider';

/**
 * The appointment id a person's place in a group goes by, outside the group's stream (engagement record,
 * published attendance): one per group and person, the same every time.
 */
export function groupPlaceAppointmentId(groupSessionId: string, patientSubjectId: string): string {
  return deterministicUuid(`group-place\u0000${groupSessionId}\u0000${patientSubjectId}`);
}
