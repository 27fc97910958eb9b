import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '@stepwell/event-store';

/**
 * A signed tree head: the service (`log`) vouches that its log's first `treeSize` events make the tree whose root is
 * `rootHash`, at `timestamp`. The signature is Ed25519 over the canonical JSON of every other field
 * (`signedTreeHeadBytes`), by the key `keyId` names (the first 16 bytes of SHA-256 over its public key's DER SPKI,
 * hex: a key's id follows from the key, so nobody can pass another key off under it).
 */
export interface SignedTreeHead {
  version: 1;
  /** The service whose log this is. */
  log: string;
  treeSize: number;
  /** Hex. */
  rootHash: string;
  /** ISO 8601, when it was signed. */
  timestamp: string;
  keyId: string;
  /** Ed25519, base64. */
  signature: string;
}

export type UnsignedTreeHead = Omit<SignedTreeHead, 'signature'>;

export function signedTreeHeadBytes(head: UnsignedTreeHead): Buffer {
  return Buffer.from(
    canonicalJson({ keyId: head.keyId, log: head.log, rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize, version: head.version }),
    'utf8',
  );
}

/** A published public key (`GET /audit/log/keys`, the keys file beside the heads). */
export interface PublicKeyRecord {
  keyId: string;
  algorithm: 'Ed25519';
  /** SPKI PEM. */
  publicKey: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 32);
}

/** The service's signing key. */
export class TreeHeadSigner {
  readonly keyId: string;
  readonly publicKey: PublicKeyRecord;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the tree-head signing key must be an Ed25519 private key');
    const publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(publicKey);
    this.publicKey = { keyId: this.keyId, algorithm: 'Ed25519', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }

  /** A new key for this process only (tests, `npm start` without AUDIT_SIGNING_KEY). */
  static ephemeral(): TreeHeadSigner {
    return new TreeHeadSigner(generateKeyPairSync('ed25519').privateKey);
  }

  /** From AUDIT_SIGNING_KEY: a PKCS#8 PEM, or base64 of that PEM or of its DER. */
  static fromConfigured(value: string): TreeHeadSigner {
    return new TreeHeadSigner(parseSigningKey(value));
  }

  sign(head: UnsignedTreeHead): SignedTreeHead {
    if (head.keyId !== this.keyId) throw new Error('a head names the key that signs it');
    return { ...head, signature: this.signBytes(signedTreeHeadBytes(head)) };
  }

  /** Ed25519 over `bytes`, base64 (a witness's countersignature uses the same key as the service's heads). */
  signBytes(bytes: Buffer): string {
    return sign(null, bytes, this.privateKey).toString('base64');
  }
}

/** Parses AUDIT_SIGNING_KEY; throws a message that never quotes the value. */
export function parseSigningKey(value: string): KeyObject {
  const text = value.trim();
  let key: KeyObject;
  try {
    if (text.startsWith('-----BEGIN')) key = createPrivateKey(text);
    else {
      const bytes = Buffer.from(text, 'base64');
      const decoded = bytes.toString('utf8');
      key = decoded.startsWith('-----BEGIN') ? createPrivateKey(decoded) : createPrivateKey({ key: bytes, format: 'der', type: 'pkcs8' });
    }
  } catch {
    throw new Error('must be an Ed25519 private key: PKCS#8 PEM, or base64 of it (e.g. `openssl genpkey -algorithm ed25519 | base64 -w0`)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('must be an Ed25519 private key (another key type was given)');
  return key;
}

/** Whether `head` carries a valid signature by one of `keys` (by its key id). */
export function verifyTreeHeadSignature(head: SignedTreeHead, keys: readonly PublicKeyRecord[]): boolean {
  const record = keys.find((key) => key.keyId === head.keyId);
  if (!record) return false;
  try {
    const publicKey = createPublicKey(record.publicKey);
    if (keyIdOf(publicKey) !== record.keyId) return false;
    return verify(null, signedTreeHeadBytes(head), publicKey, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}
