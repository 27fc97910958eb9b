import { journeyAsOfController } from '@stepwell/transparency';
import { outcomesSubjectAccess } from '../shared/subject-access.sentences';

/**
 * `GET /patients/{patientId}/journey?asOf=` (issue 19 item 5): the person’s questionnaire responses (measures), risk alerts and their handling, and outcome flags as recorded at `asOf`, later corrections
 * apart. The one platform controller (libs/platform/transparency, `journeyAsOf`) over this service's events, read
 * in the sentences of its subject access export.
 */
export const JourneyController = journeyAsOfController({ rendering: outcomesSubjectAccess, describes: 'The person’s questionnaire responses (measures), risk alerts and their handling, and outcome flags' });
