import { ConfigError, commonVariables, int, loadConfig, oneOf } from './index';

function issuesOf(run: () => unknown): ConfigError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the defaults when only DATABASE_URL is set', () => {
    const config = loadConfig(commonVariables(3001), { DATABASE_URL: 'postgres://u@localhost:5432/db' });
    expect(config).toEqual({
      PORT: 3001,
      HOST: '127.0.0.1',
      DATABASE_URL: 'postgres://u@localhost:5432/db',
      EVENT_STORE: 'postgres',
      EVENTSTORE_CONNECTION_STRING: undefined,
      KAFKA_BROKERS: undefined,
      LOG_LEVEL: 'log',
      NODE_ENV: 'development',
      HTTP_BODY_LIMIT_BYTES: 262144,
      HTTP_REQUEST_TIMEOUT_MS: 10000,
      HTTP_MAX_CONCURRENT_REQUESTS: 64,
      DATABASE_POOL_MAX: 10,
      DATABASE_STATEMENT_TIMEOUT_MS: 8000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 15000,
      RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: 600,
      TRUSTED_PROXIES: undefined,
    });
  });

  it('reads the limits and refuses out-of-range ones, naming each', () => {
    const env = { DATABASE_URL: 'postgres://u@localhost:5432/db', HTTP_REQUEST_TIMEOUT_MS: '2500', TRUSTED_PROXIES: '10.0.0.0/8, ::1' };
    expect(loadConfig(commonVariables(3001), env)).toMatchObject({ HTTP_REQUEST_TIMEOUT_MS: 2500, TRUSTED_PROXIES: ['10.0.0.0/8', '::1'] });
    expect(() => loadConfig(commonVariables(3001), { ...env, DATABASE_POOL_MAX: '0', TRUSTED_PROXIES: 'proxy.example' })).toThrow(
      /DATABASE_POOL_MAX[\s\S]*TRUSTED_PROXIES|TRUSTED_PROXIES[\s\S]*DATABASE_POOL_MAX/,
    );
  });

  it('reads PORT, the broker list and the event store kind from the environment', () => {
    const config = loadConfig(commonVariables(3001), {
      DATABASE_URL: 'postgresql://u@db/x',
      PORT: '4100',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
    });
    expect(config.PORT).toBe(4100);
    expect(config.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9093']);
    expect(config.EVENT_STORE).toBe('eventstoredb');
  });

  it('names a missing DATABASE_URL', () => {
    expect(issuesOf(() => loadConfig(commonVariables(3001), {}))).toEqual([
      { variable: 'DATABASE_URL', problem: 'is required but not set' },
    ]);
  });

  it('names every malformed variable at once, with what is wrong', () => {
    const issues = issuesOf(() =>
      loadConfig(commonVariables(3001), {
        DATABASE_URL: 'mysql://u:secret@db/x',
        PORT: 'eighty',
        EVENT_STORE: 'mongo',
        KAFKA_BROKERS: 'k1:9092,,',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(issues.map((issue) => issue.variable)).toEqual(['PORT', 'DATABASE_URL', 'EVENT_STORE', 'KAFKA_BROKERS', 'LOG_LEVEL']);
    expect(issues.find((issue) => issue.variable === 'EVENT_STORE')?.problem).toBe('must be one of postgres, eventstoredb');
  });

  it('requires EVENTSTORE_CONNECTION_STRING only when EVENT_STORE is eventstoredb', () => {
    expect(
      issuesOf(() => loadConfig(commonVariables(3001), { DATABASE_URL: 'postgres://db/x', EVENT_STORE: 'eventstoredb' })),
    ).toEqual([{ variable: 'EVENTSTORE_CONNECTION_STRING', problem: 'is required when EVENT_STORE is eventstoredb' }]);
  });

  it('rejects a port out of range and never echoes a secret in its message', () => {
    let message = '';
    try {
      loadConfig(commonVariables(3001), { DATABASE_URL: 'not a url with hunter2', PORT: '70000' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT: must be at most 65535');
    expect(message).toContain('DATABASE_URL: must be a URL');
    expect(message).not.toContain('hunter2');
  });

  it('treats an empty value as unset', () => {
    const config = loadConfig({ RETRIES: int({ default: 3 }), MODE: oneOf(['a', 'b'], { optional: true }) }, { RETRIES: '', MODE: ' ' });
    expect(config).toEqual({ RETRIES: 3, MODE: undefined });
  });
});
