import type { ServiceHttpOptions } from '@stepwell/http';
import { DIRECTORY_ERROR_MAPPINGS } from './directory-error-mappings';

/** How the directory service presents itself over HTTP; shared by main.ts and the tests. */
export const DIRECTORY_HTTP: ServiceHttpOptions = {
  name: 'directory',
  description:
    'Stepwell directory service: a community services directory in Open Referral UK 3.0 shape. Reads (`GET /`, `/services`, ' +
    '`/organizations`, `/taxonomies`, `/taxonomy_terms`, `/service_at_locations`, `/export`) are public: no token, CORS `*`, no ' +
    'personal data. Writes need the `directory-editor` role of the listing’s owning organisation or `directory-admin`. ' +
    'Errors are RFC 9457 problem details (application/problem+json).',
  errorMappings: DIRECTORY_ERROR_MAPPINGS,
};
