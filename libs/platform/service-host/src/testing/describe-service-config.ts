import { ConfigError, type Env } from '@stepwell/config';
import type { ServiceConfig } from '../service-config';

/** A service's configuration loader: `defaultPort` undefined means the service's own default. */
export type ServiceConfigLoader = (defaultPort: number | undefined, env: Env) => ServiceConfig;

/**
 * The configuration rules every service shares (defaults, port, Kafka partitions, token verification settings,
 * production refusal), checked against one service's loader and its default port.
 */
export function describeServiceConfig(name: string, load: ServiceConfigLoader, defaultPort: number): void {
  const loadFrom = (env: Env) => load(undefined, env);

  describe(`${name} configuration`, () => {
    it(`starts from DATABASE_URL alone, on port ${defaultPort} by default`, () => {
      const config = loadFrom({ DATABASE_URL: 'postgres://localhost/stepwell' });
      expect(config.PORT).toBe(defaultPort);
      expect(config.HOST).toBe('127.0.0.1');
      expect(config.EVENT_STORE).toBe('postgres');
    });

    it('creates its topics with 3 partitions unless KAFKA_TOPIC_PARTITIONS says otherwise, and refuses a count below 1', () => {
      expect(loadFrom({ DATABASE_URL: 'postgres://localhost/x' }).KAFKA_TOPIC_PARTITIONS).toBe(3);
      expect(loadFrom({ DATABASE_URL: 'postgres://localhost/x', KAFKA_TOPIC_PARTITIONS: '12' }).KAFKA_TOPIC_PARTITIONS).toBe(12);
      expect(() => loadFrom({ DATABASE_URL: 'postgres://localhost/x', KAFKA_TOPIC_PARTITIONS: '0' })).toThrow(
        /KAFKA_TOPIC_PARTITIONS: must be at least 1/,
      );
      expect(() => loadFrom({ DATABASE_URL: 'postgres://localhost/x', KAFKA_TOPIC_PARTITIONS: 'three' })).toThrow(
        /KAFKA_TOPIC_PARTITIONS: must be an integer/,
      );
    });

    it('takes its port from PORT', () => {
      const port = defaultPort + 1000;
      expect(loadFrom({ DATABASE_URL: 'postgres://localhost/x', PORT: String(port) }).PORT).toBe(port);
    });

    it('refuses to start without DATABASE_URL or with a malformed PORT, naming both', () => {
      expect(() => loadFrom({ PORT: '30o1' })).toThrow(ConfigError);
      expect(() => loadFrom({ PORT: '30o1' })).toThrow(/PORT: must be an integer[\s\S]*DATABASE_URL: is required but not set/);
    });

    it('reads the token verification settings, and refuses malformed ones naming each', () => {
      const config = loadFrom({
        DATABASE_URL: 'postgres://localhost/x',
        AUTH_JWKS_URL: 'https://idp.example/jwks',
        AUTH_ISSUER: 'https://idp.example',
        AUTH_AUDIENCE: 'stepwell',
        AUTH_REQUIRED_ACR: 'AAL3',
      });
      expect(config).toMatchObject({ AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_REQUIRED_ACR: ['AAL3'] });
      expect(() =>
        loadFrom({
          DATABASE_URL: 'postgres://localhost/x',
          AUTH_PUBLIC_KEY: 'not a key',
          AUTH_ALGORITHMS: 'HS256',
        }),
      ).toThrow(/AUTH_PUBLIC_KEY: must be a public key[\s\S]*AUTH_ISSUER: is required[\s\S]*AUTH_AUDIENCE: is required[\s\S]*AUTH_ALGORITHMS/);
    });

    it('refuses to start in production without a token issuer of its own', () => {
      expect(() => loadFrom({ DATABASE_URL: 'postgres://localhost/x', NODE_ENV: 'production' })).toThrow(
        /AUTH_JWKS_URL: AUTH_JWKS_URL or AUTH_PUBLIC_KEY is required when NODE_ENV is production/,
      );
    });
  });
}
