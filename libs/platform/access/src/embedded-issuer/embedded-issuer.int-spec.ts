import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { authConfigFromEnv, EMBEDDED_ISSUER, DEFAULT_AUDIENCE, type AuthConfig } from '../authentication/auth-config';
import { TokenVerifier } from '../authentication/token-verifier';
import { DEFAULT_CLAIM_NAMES } from '../principal/vocabulary';
import { UnauthenticatedError } from '../errors';
import { privateKeyPath, publicKeyPath } from './key-files';
import { EmbeddedIssuerInProductionError } from './production-guard';
import { serveJwks } from './jwks-server';
import { signToken } from './sign-token';
import { loadOrCreateSigningKey } from './signing-key';

function withNodeEnv<T>(value: string, run: () => Promise<T>): Promise<T> {
  const previous = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = value;
  return run().finally(() => {
    process.env['NODE_ENV'] = previous;
  });
}

function jwksConfig(url: string): AuthConfig {
  return {
    keys: { kind: 'jwks', url },
    issuer: EMBEDDED_ISSUER,
    audience: DEFAULT_AUDIENCE,
    algorithms: ['ES256', 'RS256'],
    clockToleranceSeconds: 30,
    requiredAcr: [],
    claimNames: { ...DEFAULT_CLAIM_NAMES },
  };
}

const gpClinician = { user: 'u-gp-1', name: 'Dr Test', org: 'A81001', orgType: 'gp-practice', roles: ['clinician'] } as const;

describe('embedded identity provider', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'stepwell-issuer-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a signing key once, readable by its owner only, and loads the same key afterwards', async () => {
    const created = await loadOrCreateSigningKey(dataDir);
    expect(created.alg).toBe('ES256');
    expect((await stat(privateKeyPath(dataDir))).mode & 0o777).toBe(0o600);
    const publicJwk = JSON.parse(await readFile(publicKeyPath(dataDir), 'utf8')) as Record<string, unknown>;
    expect(publicJwk).toMatchObject({ kid: created.kid, alg: 'ES256', use: 'sig', kty: 'EC' });
    expect(publicJwk).not.toHaveProperty('d');
    const loaded = await loadOrCreateSigningKey(dataDir);
    expect(loaded.kid).toBe(created.kid);
  });

  it('can use an RS256 key pair', async () => {
    const key = await loadOrCreateSigningKey(dataDir, 'RS256');
    expect(key.alg).toBe('RS256');
    expect(key.publicJwk.kty).toBe('RSA');
    const token = await signToken({ ...gpClinician, roles: [...gpClinician.roles] }, { key });
    const principal = await new TokenVerifier(authConfigFromEnv({ STEPWELL_DATA_DIR: dataDir })).verifyToken(token);
    expect(principal.userId).toBe('u-gp-1');
  });

  it('refuses to create keys, sign tokens or serve its JWKS in production', async () => {
    const key = await loadOrCreateSigningKey(dataDir);
    await withNodeEnv('production', async () => {
      await expect(loadOrCreateSigningKey(dataDir)).rejects.toBeInstanceOf(EmbeddedIssuerInProductionError);
      await expect(signToken({ ...gpClinician, roles: ['clinician'] }, { key })).rejects.toBeInstanceOf(EmbeddedIssuerInProductionError);
      await expect(serveJwks(0, { key })).rejects.toBeInstanceOf(EmbeddedIssuerInProductionError);
    });
  });

  it('serves a JWKS and discovery document that services verify its tokens against', async () => {
    const key = await loadOrCreateSigningKey(dataDir);
    const server = await serveJwks(0, { key });
    try {
      const discovery = (await (await fetch(`${server.baseUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery).toMatchObject({ issuer: EMBEDDED_ISSUER, jwks_uri: server.jwksUrl });
      const jwks = (await (await fetch(server.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]).toMatchObject({ kid: key.kid, alg: 'ES256', use: 'sig' });
      expect(jwks.keys[0]).not.toHaveProperty('d');

      const verifier = new TokenVerifier(jwksConfig(server.jwksUrl));
      const token = await signToken({ ...gpClinician, roles: ['clinician', 'referrer'], ttl: '5m' }, { key });
      await expect(verifier.verifyToken(token)).resolves.toEqual({
        userId: 'u-gp-1',
        displayName: 'Dr Test',
        organisationId: 'A81001',
        organisationType: 'gp-practice',
        roles: ['clinician', 'referrer'],
      });

      const stranger = await loadOrCreateSigningKey(path.join(dataDir, 'other'));
      const forged = await signToken({ ...gpClinician, roles: ['clinician'] }, { key: stranger });
      await expect(verifier.verifyToken(forged)).rejects.toMatchObject({ failure: 'unknown_key' });
    } finally {
      await server.close();
    }
  });

  it('verifies against the key under the data folder when no JWKS URL or public key is configured', async () => {
    const config = authConfigFromEnv({ STEPWELL_DATA_DIR: dataDir });
    expect(config.keys).toEqual({ kind: 'embedded', dataDir });
    const key = await loadOrCreateSigningKey(dataDir);
    const token = await signToken({ ...gpClinician, roles: ['clinician'] }, { key });
    const principal = await new TokenVerifier(config).verifyToken(token);
    expect(principal.organisationId).toBe('A81001');
    const expired = await signToken({ ...gpClinician, roles: ['clinician'], ttl: -120 }, { key });
    await expect(new TokenVerifier(config).verifyToken(expired)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

const cli = path.resolve(__dirname, '../../bin/token.mjs');
const built = existsSync(path.resolve(__dirname, '../../dist/index.js'));
if (!built) console.warn('Skipping the token CLI test: it runs the built library; run `npx tsc -b tsconfig.build.json` first');

(built ? describe : describe.skip)('token CLI', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'stepwell-cli-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a token that verifies against the data folder’s key with the requested claims', async () => {
    const output = execFileSync(
      process.execPath,
      [cli, '--user', 'u-vs-9', '--org', 'VS0042', '--org-type', 'voluntary-sector', '--role', 'link-worker', '--ttl', '10m'],
      { env: { ...process.env, STEPWELL_DATA_DIR: dataDir, NODE_ENV: 'development' }, encoding: 'utf8' },
    );
    const principal = await new TokenVerifier(authConfigFromEnv({ STEPWELL_DATA_DIR: dataDir })).verifyToken(output.trim());
    expect(principal).toMatchObject({ userId: 'u-vs-9', organisationId: 'VS0042', organisationType: 'voluntary-sector', roles: ['link-worker'] });
  });

  it('refuses to run in production', () => {
    expect(() =>
      execFileSync(process.execPath, [cli, '--user', 'u', '--org', 'A81001', '--org-type', 'gp-practice', '--role', 'clinician'], {
        env: { ...process.env, STEPWELL_DATA_DIR: dataDir, NODE_ENV: 'production' },
        stdio: 'pipe',
      }),
    ).toThrow(/EMBEDDED_ISSUER_IN_PRODUCTION/);
  });
});
