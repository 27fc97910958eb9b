import { ConfigError } from '@stepwell/config';
import { loadConsultationsConfig } from './config';

describe('consultations configuration', () => {
  it('starts from DATABASE_URL alone, on port 3003 by default', () => {
    const config = loadConsultationsConfig(undefined, { DATABASE_URL: 'postgres://localhost/stepwell' });
    expect(config.PORT).toBe(3003);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.EVENT_STORE).toBe('postgres');
  });

  it('takes its port from PORT', () => {
    expect(loadConsultationsConfig(undefined, { DATABASE_URL: 'postgres://localhost/x', PORT: '4003' }).PORT).toBe(4003);
  });

  it('refuses to start without DATABASE_URL or with a malformed PORT, naming both', () => {
    expect(() => loadConsultationsConfig(undefined, { PORT: '30o1' })).toThrow(ConfigError);
    expect(() => loadConsultationsConfig(undefined, { PORT: '30o1' })).toThrow(
      /PORT: must be an integer[\s\S]*DATABASE_URL: is required but not set/,
    );
  });
});
