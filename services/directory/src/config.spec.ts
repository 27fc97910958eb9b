import { ConfigError } from '@stepwell/config';
import { loadDirectoryConfig } from './config';

describe('directory configuration', () => {
  it('starts from DATABASE_URL alone, on port 3005 by default', () => {
    const config = loadDirectoryConfig(undefined, { DATABASE_URL: 'postgres://localhost/stepwell' });
    expect(config.PORT).toBe(3005);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.EVENT_STORE).toBe('postgres');
  });

  it('takes its port from PORT', () => {
    expect(loadDirectoryConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', PORT: '4005' }).PORT).toBe(4005);
  });

  it('refuses to start without DATABASE_URL or with a malformed PORT, naming both', () => {
    expect(() => loadDirectoryConfig(undefined, { PORT: '30o1' })).toThrow(ConfigError);
    expect(() => loadDirectoryConfig(undefined, { PORT: '30o1' })).toThrow(
      /PORT: must be an integer[\s\S]*DATABASE_URL: is required but not set/,
    );
  });
});
