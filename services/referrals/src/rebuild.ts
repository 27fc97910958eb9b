import { ConfigError } from '@stepwell/config';
import { loadReferralsConfig } from './config';
import { rebuildReferralsReadModels } from './read-models/rebuild-read-models';

/** `npm run rebuild -- referrals` (node services/referrals/dist/rebuild.js): rebuilds the read models and exits. */
void (async () => {
  try {
    const { position } = await rebuildReferralsReadModels(loadReferralsConfig());
    process.stdout.write(`referrals: read models rebuilt from the event store up to position ${position}\n`);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`referrals: cannot rebuild.\n${error.message}\n`);
      process.exit(78);
    }
    // The name and code only: a message could quote data.
    const code = (error as { code?: unknown } | null)?.code;
    const name = error instanceof Error ? error.name : 'unknown error';
    process.stderr.write(`referrals: rebuild failed: ${typeof code === 'string' ? `${name} (${code})` : name}\n`);
    process.exit(1);
  }
})();
