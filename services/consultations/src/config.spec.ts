import { describeServiceConfig } from '@stepwell/service-host/testing';
import { loadConsultationsConfig } from './config';

describeServiceConfig('consultations', loadConsultationsConfig, 3003);

describe('consultations configuration: the test clock', () => {
  it('reads TEST_CLOCK_FILE outside production, and has none by default', () => {
    expect(loadConsultationsConfig(undefined, { DATABASE_URL: 'postgres://localhost/x' }).TEST_CLOCK_FILE).toBeUndefined();
    expect(loadConsultationsConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'test', TEST_CLOCK_FILE: '/tmp/c' }).TEST_CLOCK_FILE).toBe('/tmp/c');
  });

  it('refuses to start in production with a test clock, naming TEST_CLOCK_FILE', () => {
    expect(() =>
      loadConsultationsConfig(undefined, {
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
