import { ConfigError } from '@stepwell/config';
import { authConfigFromEnv, EMBEDDED_ISSUER } from './auth-config';
import { createTestKeys } from '../testing/test-tokens';

describe('authConfigFromEnv', () => {
  it('verifies against a JWKS when AUTH_JWKS_URL is set', () => {
    const config = authConfigFromEnv({
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'https://idp.example',
      AUTH_AUDIENCE: 'stepwell',
      AUTH_REQUIRED_ACR: 'AAL3, AAL2',
    });
    expect(config).toMatchObject({
      keys: { kind: 'jwks', url: 'https://idp.example/jwks' },
      issuer: 'https://idp.example',
      algorithms: ['ES256', 'RS256'],
      clockToleranceSeconds: 30,
      requiredAcr: ['AAL3', 'AAL2'],
    });
  });

  it('requires an issuer and an audience for an external provider', () => {
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_AUDIENCE: 'x' })).toThrow(
      /AUTH_ISSUER: is required when AUTH_JWKS_URL or AUTH_PUBLIC_KEY is set/,
    );
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'x' })).toThrow(
      /AUTH_AUDIENCE: is required when AUTH_JWKS_URL or AUTH_PUBLIC_KEY is set/,
    );
  });

  it('falls back to the embedded issuer outside production only', () => {
    expect(authConfigFromEnv({ STEPWELL_DATA_DIR: '/tmp/x' })).toMatchObject({
      keys: { kind: 'embedded', dataDir: '/tmp/x' },
      issuer: EMBEDDED_ISSUER,
    });
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL: AUTH_JWKS_URL or AUTH_PUBLIC_KEY is required when NODE_ENV is production/);
  });

  it.each(['HS256', 'none', 'ES256,HS512'])('refuses to allow the algorithm list %s, naming AUTH_ALGORITHMS', (algorithms) => {
    expect(() => authConfigFromEnv({ AUTH_ALGORITHMS: algorithms })).toThrow(/AUTH_ALGORITHMS: must list asymmetric algorithms only/);
  });

  it('verifies against a configured public key, and refuses a malformed one without echoing it', () => {
    const { publicPem } = createTestKeys();
    expect(authConfigFromEnv({ AUTH_PUBLIC_KEY: publicPem, AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' }).keys).toEqual({
      kind: 'public-key',
      key: publicPem.trim(),
    });
    let message = '';
    try {
      authConfigFromEnv({ AUTH_PUBLIC_KEY: 'secret-not-a-key', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('AUTH_PUBLIC_KEY: must be a public key');
    expect(message).not.toContain('secret-not-a-key');
  });

  it('accepts a plain-http JWKS (the local embedded issuer) only outside production', () => {
    const local = { AUTH_JWKS_URL: 'http://127.0.0.1:3099/.well-known/jwks.json', AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' };
    expect(authConfigFromEnv(local).keys).toEqual({ kind: 'jwks', url: local.AUTH_JWKS_URL });
    expect(() => authConfigFromEnv({ ...local, NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL: must be an https URL when NODE_ENV is production/);
  });

  it('names every wrong variable at once', () => {
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'ftp://idp', AUTH_CLOCK_TOLERANCE_SECONDS: 'soon' })).toThrow(
      /AUTH_JWKS_URL: must be an http\(s\) URL[\s\S]*AUTH_ISSUER[\s\S]*AUTH_AUDIENCE[\s\S]*AUTH_CLOCK_TOLERANCE_SECONDS/,
    );
  });

  it('refuses a clock tolerance wider than five minutes', () => {
    expect(() => authConfigFromEnv({ AUTH_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow(ConfigError);
  });
});
