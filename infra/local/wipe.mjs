// `npm run db:wipe`: deletes the embedded PostgreSQL data (every event and read model) and the local issuer's
// key. Asks nothing: it is only ever local development data. Stop `npm start` first.
import { rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataDirectory } from './platform.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = dataDirectory(root);
if (!existsSync(dir)) {
  console.log(`Nothing to wipe: ${dir} does not exist.`);
} else {
  rmSync(dir, { recursive: true, force: true });
  console.log(`Wiped ${dir}. The next npm start begins with an empty platform.`);
}
