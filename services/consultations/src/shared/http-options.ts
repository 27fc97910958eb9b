import type { ServiceHttpOptions } from '@stepwell/http';
import { CONSULTATIONS_ERROR_MAPPINGS } from './consultations-error-mappings';

/** How the consultations service presents itself over HTTP; shared by main.ts and the tests. */
export const CONSULTATIONS_HTTP: ServiceHttpOptions = {
  name: 'consultations',
  description:
    'Stepwell consultations service: clinician-to-specialist consultation requests (advice and guidance), case formulations and MDT case discussions. Errors are RFC 9457 problem details (application/problem+json).',
  errorMappings: CONSULTATIONS_ERROR_MAPPINGS,
};
