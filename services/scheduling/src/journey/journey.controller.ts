import { journeyAsOfController } from '@stepwell/transparency';
import { schedulingSubjectAccess } from '../shared/subject-access.sentences';

/**
 * `GET /patients/{patientId}/journey?asOf=` (issue 19 item 5): the person’s appointments, group places, attendance and follow-up contacts as recorded at `asOf`, later corrections
 * apart. The one platform controller (libs/platform/transparency, `journeyAsOf`) over this service's events, read
 * in the sentences of its subject access export.
 */
export const JourneyController = journeyAsOfController({ rendering: schedulingSubjectAccess, describes: 'The person’s appointments, group places, attendance and follow-up contacts' });
