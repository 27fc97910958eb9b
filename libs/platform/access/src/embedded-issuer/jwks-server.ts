import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultDataDir, EMBEDDED_ISSUER } from '../authentication/auth-config';
import { createJwks } from './jwks';
import { assertNotProduction } from './production-guard';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key';

export interface JwksServerOptions {
  /** Default: the key under the data folder (created on first use). */
  key?: SigningKey;
  dataDir?: string;
  issuer?: string;
  /** Default 127.0.0.1: the embedded issuer is for this machine only. */
  host?: string;
}

export interface RunningJwksServer {
  /** e.g. http://127.0.0.1:4400 */
  baseUrl: string;
  jwksUrl: string;
  close(): Promise<void>;
}

/**
 * Serves `/.well-known/jwks.json` and `/.well-known/openid-configuration` for the embedded issuer.
 * Port 0 picks a free port. Refuses to start with NODE_ENV=production.
 */
export async function serveJwks(port: number, options: JwksServerOptions = {}): Promise<RunningJwksServer> {
  assertNotProduction();
  const key = options.key ?? (await loadOrCreateSigningKey(options.dataDir ?? defaultDataDir()));
  const jwks = JSON.stringify(await createJwks(key.publicKey, key.alg));
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer((request, response) => {
    const base = `http://${request.headers.host ?? `${host}:${port}`}`;
    const route = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405, { Allow: 'GET' }).end();
    } else if (route === '/.well-known/jwks.json') {
      response.writeHead(200, { 'Content-Type': 'application/jwk-set+json', 'Cache-Control': 'max-age=300' }).end(jwks);
    } else if (route === '/.well-known/openid-configuration') {
      const discovery = {
        issuer: options.issuer ?? EMBEDDED_ISSUER,
        jwks_uri: `${base}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: [key.alg],
        subject_types_supported: ['public'],
        response_types_supported: ['id_token'],
      };
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(discovery));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const baseUrl = `http://${host}:${address.port}`;
  return {
    baseUrl,
    jwksUrl: `${baseUrl}/.well-known/jwks.json`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
