import { authConfigFromEnv, AuthConfigError, EMBEDDED_ISSUER } from './auth-config';

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
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_AUDIENCE: 'x' })).toThrow(AuthConfigError);
    expect(() => authConfigFromEnv({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'x' })).toThrow(AuthConfigError);
  });

  it('falls back to the embedded issuer outside production only', () => {
    expect(authConfigFromEnv({ STEPWELL_DATA_DIR: '/tmp/x' })).toMatchObject({
      keys: { kind: 'embedded', dataDir: '/tmp/x' },
      issuer: EMBEDDED_ISSUER,
    });
    expect(() => authConfigFromEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL or AUTH_PUBLIC_KEY/);
  });

  it.each(['HS256', 'none', 'ES256,HS512'])('refuses to allow the algorithm list %s', (algorithms) => {
    expect(() => authConfigFromEnv({ AUTH_ALGORITHMS: algorithms })).toThrow(AuthConfigError);
  });

  it('refuses a clock tolerance wider than five minutes', () => {
    expect(() => authConfigFromEnv({ AUTH_CLOCK_TOLERANCE_SECONDS: '3600' })).toThrow(AuthConfigError);
  });
});
