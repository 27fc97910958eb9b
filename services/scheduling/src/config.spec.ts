import { ConfigError } from '@stepwell/config';
import { loadSchedulingConfig } from './config';

describe('scheduling configuration', () => {
  it('starts from DATABASE_URL alone, on port 3002 by default', () => {
    const config = loadSchedulingConfig(undefined, { DATABASE_URL: 'postgres://localhost/stepwell' });
    expect(config.PORT).toBe(3002);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.EVENT_STORE).toBe('postgres');
  });

  it('takes its port from PORT', () => {
    expect(loadSchedulingConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', PORT: '4002' }).PORT).toBe(4002);
  });

  it('refuses to start without DATABASE_URL or with a malformed PORT, naming both', () => {
    expect(() => loadSchedulingConfig(undefined, { PORT: '30o1' })).toThrow(ConfigError);
    expect(() => loadSchedulingConfig(undefined, { PORT: '30o1' })).toThrow(
      /PORT: must be an integer[\s\S]*DATABASE_URL: is required but not set/,
    );
  });
});
