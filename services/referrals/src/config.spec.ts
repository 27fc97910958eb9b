import { ConfigError } from '@stepwell/config';
import { loadReferralsConfig } from './config';

describe('referrals configuration', () => {
  it('starts from DATABASE_URL alone, on port 3001 by default', () => {
    const config = loadReferralsConfig(undefined, { DATABASE_URL: 'postgres://localhost/stepwell' });
    expect(config.PORT).toBe(3001);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.EVENT_STORE).toBe('postgres');
  });

  it('takes its port from PORT', () => {
    expect(loadReferralsConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', PORT: '4001' }).PORT).toBe(4001);
  });

  it('refuses to start without DATABASE_URL or with a malformed PORT, naming both', () => {
    expect(() => loadReferralsConfig(undefined, { PORT: '30o1' })).toThrow(ConfigError);
    expect(() => loadReferralsConfig(undefined, { PORT: '30o1' })).toThrow(
      /PORT: must be an integer[\s\S]*DATABASE_URL: is required but not set/,
    );
  });
});
