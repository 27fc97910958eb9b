import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '@stepwell/config';
import { keyEncryptionKeysFrom, localKeyEncryptionKeyPath, personalDataVariables } from './personal-data-variables';

describe('the key-encryption key from configuration', () => {
  const load = (env: Record<string, string>) => loadConfig(personalDataVariables(), env);

  it('is required in production, and never echoed when malformed', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(/DATA_KEY_ENCRYPTION_KEY: is required when NODE_ENV is production/);
    try {
      load({ DATA_KEY_ENCRYPTION_KEY: 'c2VjcmV0LXRvby1zaG9ydA==' });
      throw new Error('accepted a short key');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).not.toContain('c2VjcmV0LXRvby1zaG9ydA==');
    }
    expect(() => load({ DATA_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), DATA_KEY_ENCRYPTION_PREVIOUS_KEYS: '1:short' })).toThrow(ConfigError);
  });

  it('outside production without a key, generates one local key file (mode 600) that every later process reads', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kek-'));
    try {
      const env = { STEPWELL_DATA_DIR: dir };
      const first = keyEncryptionKeysFrom({ ...load({}), STEPWELL_DATA_DIR: dir }, env);
      const again = keyEncryptionKeysFrom({ ...load({}), STEPWELL_DATA_DIR: dir }, env);
      const file = localKeyEncryptionKeyPath(env);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
      expect(first.currentVersion).toBe(1);
      const { version, wrapped } = await first.wrap(Buffer.alloc(32, 7), 'ctx');
      await expect(again.unwrap(version, wrapped, 'ctx')).resolves.toEqual(Buffer.alloc(32, 7));
      await expect(again.unwrap(version, wrapped, 'another row')).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
