import type { Env } from '@stepwell/config';
import type { TestClockConfig } from '../service-clock';

/** A service's configuration loader that reads `TEST_CLOCK_FILE` (testClockVariables). */
export type TestClockConfigLoader = (defaultPort: number | undefined, env: Env) => TestClockConfig;

/**
 * The movable clock's configuration rule, checked against one service's loader: `TEST_CLOCK_FILE` is read outside
 * production (end-to-end tests and the demo's history) and refused, naming it, when NODE_ENV is production (H-DM1).
 */
export function describeTestClockConfig(name: string, load: TestClockConfigLoader): void {
  describe(`${name} configuration: the movable clock (tests and the demo)`, () => {
    it('reads TEST_CLOCK_FILE outside production, and has none by default', () => {
      expect(load(undefined, { DATABASE_URL: 'postgres://localhost/x' }).TEST_CLOCK_FILE).toBeUndefined();
      expect(load(undefined, { DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'test', TEST_CLOCK_FILE: '/tmp/c' }).TEST_CLOCK_FILE).toBe('/tmp/c');
      expect(load(undefined, { DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'development', TEST_CLOCK_FILE: '/tmp/c' }).TEST_CLOCK_FILE).toBe('/tmp/c');
    });

    it('refuses to start in production with a movable clock, naming TEST_CLOCK_FILE', () => {
      expect(() =>
        load(undefined, {
          DATABASE_URL: 'postgres://localhost/x',
          NODE_ENV: 'production',
          AUTH_JWKS_URL: 'https://idp.example/jwks',
          AUTH_ISSUER: 'https://idp.example',
          AUTH_AUDIENCE: 'stepwell',
          TEST_CLOCK_FILE: '/tmp/c',
        }),
      ).toThrow(/TEST_CLOCK_FILE: must not be set when NODE_ENV is production/);
    });
  });
}
