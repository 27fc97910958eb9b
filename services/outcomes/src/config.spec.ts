import { ConfigError } from '@stepwell/config';
import { loadOutcomesConfig } from './config';

describe('outcomes configuration', () => {
  it('starts from DATABASE_URL alone, on port 3004 by default', () => {
    const config = loadOutcomesConfig(undefined, { DATABASE_URL: 'postgres://localhost/stepwell' });
    expect(config.PORT).toBe(3004);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.EVENT_STORE).toBe('postgres');
  });

  it('takes its port from PORT', () => {
    expect(loadOutcomesConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', PORT: '4004' }).PORT).toBe(4004);
  });

  it('refuses to start without DATABASE_URL or with a malformed PORT, naming both', () => {
    expect(() => loadOutcomesConfig(undefined, { PORT: '30o1' })).toThrow(ConfigError);
    expect(() => loadOutcomesConfig(undefined, { PORT: '30o1' })).toThrow(
      /PORT: must be an integer[\s\S]*DATABASE_URL: is required but not set/,
    );
  });
});
