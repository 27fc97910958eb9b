import { ConfigError, loadConfig, str } from '@stepwell/config';
import { DataKeyStore } from './data-key-store';
import { keyEncryptionKeysFrom, personalDataVariables } from './personal-data-variables';

/**
 * `npm run keys:rewrap -- <event-store schema>` (after `npm run build`; e.g. `referrals_events`): re-wraps every
 * data key of that service under the current key-encryption key version, with `DATABASE_URL`,
 * `DATA_KEY_ENCRYPTION_KEY` (+ `_VERSION`) and the old version in `DATA_KEY_ENCRYPTION_PREVIOUS_KEYS`. Prints counts
 * only. Exit 78 for a configuration problem, 64 without a schema, 1 for anything else.
 */
export async function rewrapCommand(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const schema = argv[0];
  if (!schema) {
    process.stderr.write('keys:rewrap: name the service’s event-store schema (e.g. referrals_events)\n');
    return 64;
  }
  try {
    const config = loadConfig({ DATABASE_URL: str(), STEPWELL_DATA_DIR: str({ optional: true }), ...personalDataVariables() }, env);
    const store = await DataKeyStore.open({ databaseUrl: config.DATABASE_URL, schema, keyEncryptionKeys: keyEncryptionKeysFrom(config, env) });
    try {
      const result = await store.rewrap();
      process.stdout.write(`keys:rewrap: ${schema}: ${result.rewrapped} keys re-wrapped under version ${config.DATA_KEY_ENCRYPTION_KEY_VERSION}; ${result.remainingOnOldVersions} left on older versions\n`);
      return result.remainingOnOldVersions === 0 ? 0 : 1;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`keys:rewrap: cannot run.\n${error.message}\n`);
      return 78;
    }
    const code = (error as { code?: unknown } | null)?.code;
    process.stderr.write(`keys:rewrap: failed: ${error instanceof Error ? error.name : 'error'}${typeof code === 'string' ? ` (${code})` : ''}\n`);
    return 1;
  }
}

if (require.main === module) {
  void rewrapCommand().then((code) => process.exit(code));
}
