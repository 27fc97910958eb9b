import { createTestKeys, mintToken, TEST_AUDIENCE, TEST_ISSUER, users, type MintOptions, type TestUser } from './test-tokens';

/** The environment that makes a service trust a test issuer (spread it into the service's config env). */
export interface TestIssuerEnv {
  AUTH_PUBLIC_KEY: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
}

export interface TestIssuer {
  env: TestIssuerEnv;
  /** A token for `who` (default: a GP clinician who is also a referrer); options make bad ones (expired, ...). */
  token(who?: TestUser, options?: MintOptions): Promise<string>;
  /** `Authorization` header value: `Bearer <token>`. */
  bearer(who?: TestUser, options?: MintOptions): Promise<string>;
  /** A token that expired ten minutes ago, well beyond the clock tolerance. */
  expiredToken(who?: TestUser): Promise<string>;
}

/**
 * An identity provider for service tests: a fresh key pair, the variables a service needs to trust it, and
 * tokens for the stock `users`. Test-only; nothing in a service calls it at run time.
 */
export function createTestIssuer(): TestIssuer {
  const keys = createTestKeys();
  const token = (who: TestUser = users.gpClinician, options: MintOptions = {}) => mintToken(keys, who, options);
  return {
    env: { AUTH_PUBLIC_KEY: keys.publicPem, AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE },
    token,
    bearer: async (who, options) => `Bearer ${await token(who, options)}`,
    expiredToken: (who) => token(who, { exp: Math.floor(Date.now() / 1000) - 600 }),
  };
}
