import path from 'node:path';

/** Layout of the embedded issuer's key under the data folder, shared by the issuer and the token verifier. */
export function keyDirectory(dataDir: string): string {
  return path.join(dataDir, 'auth');
}

export function privateKeyPath(dataDir: string): string {
  return path.join(keyDirectory(dataDir), 'signing-key.private.jwk.json');
}

export function publicKeyPath(dataDir: string): string {
  return path.join(keyDirectory(dataDir), 'signing-key.public.jwk.json');
}
