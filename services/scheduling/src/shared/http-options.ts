import type { ServiceHttpOptions } from '@stepwell/http';
import { SCHEDULING_ERROR_MAPPINGS } from './scheduling-error-mappings';

/** How the scheduling service presents itself over HTTP; shared by main.ts and the tests. */
export const SCHEDULING_HTTP: ServiceHttpOptions = {
  name: 'scheduling',
  description:
    'Stepwell scheduling service: clinician diaries, slots (incl. embargoed same-day slots), appointments, group sessions and attendance. Errors are RFC 9457 problem details (application/problem+json).',
  errorMappings: SCHEDULING_ERROR_MAPPINGS,
};
