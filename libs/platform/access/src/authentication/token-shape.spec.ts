import { loadConfig } from '@stepwell/config';
import { authVariables } from './auth-variables';
import { TokenVerifier } from './token-verifier';
import { createTestKeys, mintToken, testAuthConfig, users, type TestKeys } from '../testing/test-tokens';

/** Issue 11 item 5: only access tokens, no older than the maximum age, with `acr` in production. */
describe('the access token’s type, age and assurance', () => {
  let keys: TestKeys;
  const now = (): number => Math.floor(Date.now() / 1000);
  beforeAll(() => {
    keys = createTestKeys();
  });
  const verifier = (overrides = {}) => new TokenVerifier(testAuthConfig(keys, overrides));
  const failureOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'accepted';
    } catch (error) {
      return (error as { failure?: string }).failure ?? String(error);
    }
  };

  it.each(['JWT', 'at+jwt', 'application/at+jwt', 'AT+JWT'])('accepts typ %s', async (typ) => {
    const principal = await verifier().verifyToken(await mintToken(keys, users.therapist, { typ }));
    expect(principal.userId).toBe(users.therapist.user);
  });

  it.each([
    ['an ID token', 'id_token+jwt'],
    ['a logout token', 'logout+jwt'],
    ['no typ at all', null],
  ])('refuses %s as wrong_token_type', async (_name, typ) => {
    expect(await failureOf(verifier().verifyToken(await mintToken(keys, users.therapist, { typ })))).toBe('wrong_token_type');
  });

  it('accepts only the configured types (AUTH_TOKEN_TYPES=at+jwt refuses JWT)', async () => {
    const strict = verifier({ tokenTypes: ['at+jwt'] });
    expect(await failureOf(strict.verifyToken(await mintToken(keys, users.therapist)))).toBe('wrong_token_type');
    expect(await failureOf(strict.verifyToken(await mintToken(keys, users.therapist, { typ: 'at+jwt' })))).toBe('accepted');
  });

  it('refuses a token issued longer ago than the maximum age, even before it expires', async () => {
    const old = await mintToken(keys, users.therapist, { iat: now() - 2 * 3600, exp: now() + 3600 });
    expect(await failureOf(verifier().verifyToken(old))).toBe('expired');
    expect(await failureOf(verifier({ maxTokenAgeSeconds: 3 * 3600 }).verifyToken(old))).toBe('accepted');
  });

  it('refuses a token without iat (its age cannot be known)', async () => {
    expect(await failureOf(verifier().verifyToken(await mintToken(keys, users.therapist, { iat: null })))).not.toBe('accepted');
  });

  it('refuses a token without acr when acr is required (production), and accepts one with it', async () => {
    const required = verifier({ requireAcr: true });
    expect(await failureOf(required.verifyToken(await mintToken(keys, users.therapist)))).toBe('insufficient_acr');
    expect(await failureOf(required.verifyToken(await mintToken(keys, { ...users.therapist, acr: 'AAL3' })))).toBe('accepted');
  });

  describe('variables', () => {
    const base = { AUTH_PUBLIC_KEY: '', NODE_ENV: 'development' };
    it('defaults: typ at+jwt or JWT, an hour at most, acr required only in production', () => {
      expect(loadConfig(authVariables(), base)).toMatchObject({
        AUTH_TOKEN_TYPES: ['at+jwt', 'JWT'],
        AUTH_MAX_TOKEN_AGE_SECONDS: 3600,
        AUTH_REQUIRE_ACR: false,
      });
      expect(loadConfig({ AUTH_REQUIRE_ACR: authVariables().AUTH_REQUIRE_ACR }, { NODE_ENV: 'production' }).AUTH_REQUIRE_ACR).toBe(true);
    });

    it('refuses AUTH_REQUIRE_ACR=false in production, naming it', () => {
      expect(() => loadConfig({ AUTH_REQUIRE_ACR: authVariables().AUTH_REQUIRE_ACR }, { NODE_ENV: 'production', AUTH_REQUIRE_ACR: 'false' })).toThrow(
        /AUTH_REQUIRE_ACR: cannot be false when NODE_ENV is production/,
      );
    });

    it('refuses the embedded issuer’s key in production: an identity provider must be named', () => {
      expect(() => loadConfig(authVariables(), { NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL or AUTH_PUBLIC_KEY is required when NODE_ENV is production/);
    });
  });
});
