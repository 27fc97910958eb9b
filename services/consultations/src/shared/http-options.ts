import type { ServiceHttpOptions } from '@stepwell/http';

/** How the consultations service presents itself over HTTP; shared by main.ts and the tests. */
export const CONSULTATIONS_HTTP: ServiceHttpOptions = {
  name: 'consultations',
  description:
    'Stepwell consultations service: clinician-to-specialist consultation requests (advice and guidance), case formulations and MDT case discussions. Errors are RFC 9457 problem details (application/problem+json).',
};
