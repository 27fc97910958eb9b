import { ConfigError, loadConfig } from '@stepwell/config';
import { kafkaSecurityFrom, messagingVariables, ServiceMessagingOptionsError } from './service-messaging.options';

const load = (env: Record<string, string | undefined>) => loadConfig(messagingVariables(), env);
const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    load(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((issue) => issue.variable);
  }
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('Kafka SASL and TLS settings', () => {
  it('gives a SCRAM user and verified TLS with a CA file to the Kafka client', () => {
    const config = load({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'referrals',
      KAFKA_SASL_PASSWORD: 's3cret',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA: '/etc/kafka/ca.pem',
    });
    expect(kafkaSecurityFrom(config, (path) => (path === '/etc/kafka/ca.pem' ? PEM : ''))).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'referrals', password: 's3cret' },
      ssl: { ca: [PEM] },
    });
  });

  it('is plaintext without SASL when nothing is set outside production', () => {
    expect(kafkaSecurityFrom(load({ KAFKA_BROKERS: 'k:9092' }))).toEqual({});
  });

  it('refuses an unauthenticated bus, and an unstated TLS choice, in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', KAFKA_BROKERS: 'k:9092' })).toEqual(['KAFKA_SASL_MECHANISM', 'KAFKA_SSL']);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([]); // the PostgreSQL transport: no Kafka settings needed
  });

  it('refuses a mechanism without its user and password, an unknown mechanism, and a CA without TLS', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' })).toEqual(['KAFKA_SASL_MECHANISM']);
    expect(problemsOf({ KAFKA_SSL_CA: '/ca.pem' })).toEqual(['KAFKA_SSL']);
    expect(() => kafkaSecurityFrom(load({ KAFKA_SSL: 'false', KAFKA_SSL_CA: '/ca.pem' }))).toThrow(ServiceMessagingOptionsError);
    expect(() => kafkaSecurityFrom(load({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }))).toThrow(/KAFKA_SASL_MECHANISM is not/);
  });

  it('names the CA variable, never its content or the password, when the CA file is unreadable or not PEM', () => {
    const config = load({ KAFKA_SSL: 'true', KAFKA_SSL_CA: '/missing.pem', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'hunter2' });
    const unreadable = () =>
      kafkaSecurityFrom(config, () => {
        throw new Error('ENOENT');
      });
    expect(unreadable).toThrow('KAFKA_SSL_CA names a file that cannot be read');
    expect(() => kafkaSecurityFrom(config, () => 'hunter2 not a certificate')).toThrow('KAFKA_SSL_CA is not a PEM certificate file');
  });
});
