import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { keyDirectory, privateKeyPath, publicKeyPath } from './key-files';
import { assertNotProduction } from './production-guard';

export type SigningAlgorithm = 'ES256' | 'RS256';

export interface SigningKey {
  alg: SigningAlgorithm;
  /** RFC 7638 thumbprint of the public key. */
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as a JWK with `kid`, `alg` and `use`. */
  publicJwk: JWK;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/**
 * Loads the embedded issuer's key pair from `<dir>/auth/`, creating it on first use. The private JWK is written
 * with mode 0600 (owner only). Refuses to run with NODE_ENV=production.
 */
export async function loadOrCreateSigningKey(dir: string, alg: SigningAlgorithm = 'ES256'): Promise<SigningKey> {
  assertNotProduction();
  try {
    const privateJwk = JSON.parse(await readFile(privateKeyPath(dir), 'utf8')) as JWK;
    return fromPrivateJwk(privateJwk);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  const pair = await generateKeyPair(alg, { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(pair.privateKey)), alg };
  await mkdir(keyDirectory(dir), { recursive: true, mode: 0o700 });
  // `wx`: two processes starting at once must not overwrite each other's key; the loser reads the winner's.
  try {
    await writeFile(privateKeyPath(dir), JSON.stringify(privateJwk, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fromPrivateJwk(JSON.parse(await readFile(privateKeyPath(dir), 'utf8')) as JWK);
  }
  await chmod(privateKeyPath(dir), 0o600);
  const key = await fromPrivateJwk(privateJwk);
  await writeFile(publicKeyPath(dir), JSON.stringify(key.publicJwk, null, 2), { mode: 0o644 });
  return key;
}

async function fromPrivateJwk(privateJwk: JWK): Promise<SigningKey> {
  const alg = privateJwk.alg === 'RS256' ? 'RS256' : 'ES256';
  const privateKey = createPrivateKey({ key: privateJwk as JsonWebKey, format: 'jwk' });
  const publicKey = createPublicKey(privateKey);
  const bare = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(bare);
  return { alg, kid, privateKey, publicKey, publicJwk: { ...bare, kid, alg, use: 'sig' } };
}
