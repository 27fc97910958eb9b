import type { ServiceHttpOptions } from '@stepwell/http';
import { OUTCOMES_ERROR_MAPPINGS } from './outcomes-error-mappings';

/** How the outcomes service presents itself over HTTP; shared by main.ts and the tests. */
export const OUTCOMES_HTTP: ServiceHttpOptions = {
  name: 'outcomes',
  description:
    'Stepwell outcomes service: questionnaire responses (PHQ-9, GAD-7, ...), scores, risk alerts and per-episode outcome flags. Errors are RFC 9457 problem details (application/problem+json).',
  errorMappings: OUTCOMES_ERROR_MAPPINGS,
};
