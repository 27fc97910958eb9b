import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The key-encryption key (KEK) port: wraps and unwraps the per-person data-encryption keys. The data keys live
 * wrapped in the service's PostgreSQL table; the KEK never does.
 *
 * - Locally and in tests: `LocalKeyEncryptionKeys`, from `DATA_KEY_ENCRYPTION_KEY` (base64, 32 bytes) and its
 *   version, plus older versions still needed to unwrap (`DATA_KEY_ENCRYPTION_PREVIOUS_KEYS`).
 * - In production: an adapter of a key-management service (AWS KMS `Encrypt`/`Decrypt` with an encryption context,
 *   Azure Key Vault `wrapKey`/`unwrapKey`, Google Cloud KMS, an HSM over PKCS#11) implements these three members;
 *   `version` is the KMS key version, `context` goes into the encryption context / associated data. None is built
 *   here (no KMS is reachable from these machines).
 *
 * Rotation: a new version becomes `currentVersion`; new keys are wrapped under it at once, and
 * `DataKeyStore.rewrap()` re-wraps every older row, after which the old version can be destroyed.
 */
export interface KeyEncryptionKeys {
  readonly currentVersion: number;
  /** `context`: binds the wrapped key to its row (key id and subject id). */
  wrap(dataKey: Buffer, context: string): Promise<{ version: number; wrapped: Buffer }>;
  unwrap(version: number, wrapped: Buffer, context: string): Promise<Buffer>;
}

/** A row's key was wrapped under a KEK version this process does not hold. */
export class UnknownKeyEncryptionKeyVersionError extends Error {
  readonly code = 'UNKNOWN_KEK_VERSION' as const;

  constructor(readonly version: number) {
    super(`No key-encryption key of version ${version} is configured (DATA_KEY_ENCRYPTION_PREVIOUS_KEYS)`);
    this.name = 'UnknownKeyEncryptionKeyVersionError';
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** KEKs held in process memory (AES-256-GCM key wrapping): the local and test implementation of the port. */
export class LocalKeyEncryptionKeys implements KeyEncryptionKeys {
  private readonly ring: ReadonlyMap<number, Buffer>;

  constructor(
    readonly currentVersion: number,
    current: Buffer,
    previous: ReadonlyMap<number, Buffer> = new Map(),
  ) {
    if (current.length !== 32) throw new Error('A key-encryption key is 32 bytes');
    this.ring = new Map([...previous, [currentVersion, current]]);
  }

  async wrap(dataKey: Buffer, context: string): Promise<{ version: number; wrapped: Buffer }> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyOf(this.currentVersion), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { version: this.currentVersion, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  async unwrap(version: number, wrapped: Buffer, context: string): Promise<Buffer> {
    const decipher = createDecipheriv('aes-256-gcm', this.keyOf(version), wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  }

  private keyOf(version: number): Buffer {
    const key = this.ring.get(version);
    if (!key) throw new UnknownKeyEncryptionKeyVersionError(version);
    return key;
  }
}
