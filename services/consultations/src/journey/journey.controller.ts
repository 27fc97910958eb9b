import { journeyAsOfController } from '@stepwell/transparency';
import { consultationsSubjectAccess } from '../shared/subject-access.sentences';

/**
 * `GET /patients/{patientId}/journey?asOf=` (issue 19 item 5): the consultations about the person, offers made to them and MDT cases as recorded at `asOf`, later corrections
 * apart. The one platform controller (libs/platform/transparency, `journeyAsOf`) over this service's events, read
 * in the sentences of its subject access export.
 */
export const JourneyController = journeyAsOfController({ rendering: consultationsSubjectAccess, describes: 'The consultations about the person, offers made to them and MDT cases' });
