import type { ServiceHttpOptions } from '@stepwell/http';
import { REFERRALS_ERROR_MAPPINGS } from './referrals-error-mappings';

/** How the referrals service presents itself over HTTP; shared by main.ts and the tests. */
export const REFERRALS_HTTP: ServiceHttpOptions = {
  name: 'referrals',
  description:
    'Stepwell referrals service: referrals (intake from GP, self and other professionals), triage decisions and the stepped-care episode. Errors are RFC 9457 problem details (application/problem+json).',
  errorMappings: REFERRALS_ERROR_MAPPINGS,
};
