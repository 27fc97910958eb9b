import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import type { KeyObject } from 'node:crypto';

export interface Jwks {
  keys: JWK[];
}

/** A JWKS document publishing one public key (`kid` = RFC 7638 thumbprint). */
export async function createJwks(publicKey: KeyObject, alg: string): Promise<Jwks> {
  if (publicKey.type !== 'public') throw new Error('Only a public key may be published');
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg, use: 'sig' }] };
}
