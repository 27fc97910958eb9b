import type { ServiceHttpOptions } from '@stepwell/http';

/** How the directory service presents itself over HTTP; shared by main.ts and the tests. */
export const DIRECTORY_HTTP: ServiceHttpOptions = {
  name: 'directory',
  description:
    'Stepwell directory service: voluntary-sector organisations and their services (Open Referral UK shape) and social prescriptions to them. Errors are RFC 9457 problem details (application/problem+json).',
};
