// The platform's shape for the local launcher, the wipe script and the Docker files' documentation:
// five services, each its own process and port.
import { join, resolve } from 'node:path';

export const SERVICES = [
  { name: 'referrals', defaultPort: 3001, portVariable: 'REFERRALS_PORT' },
  { name: 'scheduling', defaultPort: 3002, portVariable: 'SCHEDULING_PORT' },
  { name: 'consultations', defaultPort: 3003, portVariable: 'CONSULTATIONS_PORT' },
  { name: 'outcomes', defaultPort: 3004, portVariable: 'OUTCOMES_PORT' },
  { name: 'directory', defaultPort: 3005, portVariable: 'DIRECTORY_PORT' },
];

/** Database the embedded PostgreSQL holds the platform in (each service has its own schema in it). */
export const DATABASE_NAME = 'stepwell';

/** Where local state lives: embedded PostgreSQL data, the local issuer's key. Git-ignored. */
export const dataDirectory = (root) => resolve(process.env.STEPWELL_DATA_DIR ?? join(root, '.data'));
