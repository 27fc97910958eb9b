import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Env, int, type ParseResult, type Variable } from '@stepwell/config';
import { LocalKeyEncryptionKeys } from './key-encryption-keys';

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';
const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = (problem: string): ParseResult<never> => ({ ok: false, problem });

/** A base64 string of exactly 32 bytes, or null. Never echoes the value. */
function keyBytes(raw: string): Buffer | null {
  const text = raw.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : null;
}

const keyEncryptionKey: Variable<string | undefined> = {
  parse(raw, env) {
    if (!present(raw)) {
      // The generated local key is for `npm start` and tests only: production names its key (or its KMS adapter).
      return env['NODE_ENV']?.trim() === 'production' ? fail('is required when NODE_ENV is production') : ok(undefined);
    }
    return keyBytes(raw) ? ok(raw.trim()) : fail('must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  },
};

/** `<version>:<base64 key>` pairs separated by commas: KEK versions still needed to unwrap older rows. */
const previousKeys: Variable<ReadonlyMap<number, Buffer>> = {
  parse(raw) {
    const ring = new Map<number, Buffer>();
    if (!present(raw)) return ok(ring);
    for (const item of raw.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
      const colon = item.indexOf(':');
      const version = Number(item.slice(0, colon));
      const key = colon > 0 ? keyBytes(item.slice(colon + 1)) : null;
      if (!Number.isInteger(version) || version < 1 || !key) return fail('must be `<version>:<32 bytes in base64>` pairs separated by commas');
      ring.set(version, key);
    }
    return ok(ring);
  },
};

/**
 * The variables of the data-encryption keys' key-encryption key (every service reads them, through
 * `serviceVariables`): `DATA_KEY_ENCRYPTION_KEY` (base64, 32 bytes; required in production; unset elsewhere, a key
 * generated once under the data folder), `DATA_KEY_ENCRYPTION_KEY_VERSION` (default 1) and
 * `DATA_KEY_ENCRYPTION_PREVIOUS_KEYS` (older versions, for unwrapping during a rotation).
 */
export function personalDataVariables() {
  return {
    DATA_KEY_ENCRYPTION_KEY: keyEncryptionKey,
    DATA_KEY_ENCRYPTION_KEY_VERSION: int({ default: 1, min: 1, max: 1_000_000 }),
    DATA_KEY_ENCRYPTION_PREVIOUS_KEYS: previousKeys,
  };
}

export interface PersonalDataVariables {
  DATA_KEY_ENCRYPTION_KEY?: string | undefined;
  DATA_KEY_ENCRYPTION_KEY_VERSION: number;
  DATA_KEY_ENCRYPTION_PREVIOUS_KEYS: ReadonlyMap<number, Buffer>;
  STEPWELL_DATA_DIR?: string | undefined;
}

/** `<repo>/.data` unless `STEPWELL_DATA_DIR` says otherwise (the embedded issuer's key lives there too). */
function dataDirectory(env: Env): string {
  return env['STEPWELL_DATA_DIR'] || path.resolve(__dirname, '../../../../.data');
}

/** The local key file: created once (mode 600) by whichever process comes first, read by every later one. */
export function localKeyEncryptionKeyPath(env: Env = process.env): string {
  return path.join(dataDirectory(env), 'keys', 'data-key-encryption-key');
}

function localKey(env: Env): Buffer {
  const file = localKeyEncryptionKeyPath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole under a private name, then linked into place: five services starting at once agree on one key,
  // and none reads a file half written.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  const key = keyBytes(readFileSync(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}

/** The KEKs from the configuration; without `DATA_KEY_ENCRYPTION_KEY` (never in production) the local key file. */
export function keyEncryptionKeysFrom(config: PersonalDataVariables, env: Env = process.env): LocalKeyEncryptionKeys {
  const current = config.DATA_KEY_ENCRYPTION_KEY
    ? (keyBytes(config.DATA_KEY_ENCRYPTION_KEY) as Buffer)
    : localKey({ ...env, STEPWELL_DATA_DIR: config.STEPWELL_DATA_DIR ?? env['STEPWELL_DATA_DIR'] });
  return new LocalKeyEncryptionKeys(config.DATA_KEY_ENCRYPTION_KEY_VERSION, current, config.DATA_KEY_ENCRYPTION_PREVIOUS_KEYS);
}
