import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadSchedulingConfig } from './config';

describeServiceConfig('scheduling', loadSchedulingConfig, 3002);

describe('scheduling configuration: the test clock', () => {
  it('reads TEST_CLOCK_FILE outside production, and has none by default', () => {
    expect(loadSchedulingConfig(undefined, { DATABASE_URL: 'postgres://localhost/x' }).TEST_CLOCK_FILE).toBeUndefined();
    expect(loadSchedulingConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'test', TEST_CLOCK_FILE: '/tmp/c' }).TEST_CLOCK_FILE).toBe('/tmp/c');
  });

  it('refuses to start in production with a test clock, naming TEST_CLOCK_FILE', () => {
    expect(() =>
      loadSchedulingConfig(undefined, {
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
