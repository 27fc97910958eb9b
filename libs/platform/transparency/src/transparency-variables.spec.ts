import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@stepwell/config';
import { transparencyVariables } from './transparency-variables';

const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('transparency variables', () => {
  it('leaves both unset outside production (an ephemeral key is made at start)', () => {
    expect(loadConfig(transparencyVariables(), { NODE_ENV: 'development' })).toEqual({ AUDIT_SIGNING_KEY: undefined, AUDIT_HEADS_DIR: undefined });
  });

  it('refuses to start in production without a signing key', () => {
    expect(() => loadConfig(transparencyVariables(), { NODE_ENV: 'production' })).toThrow(/AUDIT_SIGNING_KEY: is required when NODE_ENV is production/);
  });

  it('accepts an Ed25519 PEM and a heads folder', () => {
    expect(loadConfig(transparencyVariables(), { NODE_ENV: 'production', AUDIT_SIGNING_KEY: pem, AUDIT_HEADS_DIR: '/var/audit' })).toEqual({
      AUDIT_SIGNING_KEY: pem.trim(),
      AUDIT_HEADS_DIR: '/var/audit',
    });
  });

  it('names a malformed key without quoting it', () => {
    expect(() => loadConfig(transparencyVariables(), { AUDIT_SIGNING_KEY: 'not-a-key-xyz' })).toThrow(/AUDIT_SIGNING_KEY: must be an Ed25519 private key/);
    expect(() => loadConfig(transparencyVariables(), { AUDIT_SIGNING_KEY: 'not-a-key-xyz' })).not.toThrow(/not-a-key-xyz/);
  });

  it.each(['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'])(
    'reads the placeholder key of infra/compose/%s.env.example as an Ed25519 key, and refuses it in production without quoting it',
    (service) => {
      const file = readFileSync(path.join(__dirname, '../../../../infra/compose', `${service}.env.example`), 'utf8');
      const value = /^AUDIT_SIGNING_KEY=(.+)$/m.exec(file)?.[1];
      expect(value).toBeDefined();
      // Well formed (the example shows the shape a real key takes) …
      expect(loadConfig(transparencyVariables(), { NODE_ENV: 'development', AUDIT_SIGNING_KEY: value }).AUDIT_SIGNING_KEY).toBe(value);
      // … but committed, so public: a production start with it is refused (hazard H-CF1), the value never echoed.
      const production = () => loadConfig(transparencyVariables(), { NODE_ENV: 'production', AUDIT_SIGNING_KEY: value });
      expect(production).toThrow(/AUDIT_SIGNING_KEY: holds a placeholder/);
      expect(production).not.toThrow(value as string);
    },
  );
});
