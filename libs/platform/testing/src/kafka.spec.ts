import { kafkaTestBrokers } from './kafka';

describe('kafkaTestBrokers', () => {
  // `npm test` starts a SCRAM broker and hands its admin login to every test through these variables.
  const variables = ['KAFKA_BROKERS', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const;
  const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
  beforeEach(() => {
    for (const name of variables) delete process.env[name];
  });
  afterEach(() => {
    for (const name of variables) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('lists the brokers of KAFKA_BROKERS, ignoring blanks around and between them', () => {
    process.env['KAFKA_BROKERS'] = ' 127.0.0.1:19092, ,127.0.0.1:19094 ';
    expect(kafkaTestBrokers()).toEqual({ brokers: ['127.0.0.1:19092', '127.0.0.1:19094'] });
  });

  it('adds the SASL login when one is configured', () => {
    process.env['KAFKA_BROKERS'] = '127.0.0.1:19092';
    process.env['KAFKA_SASL_MECHANISM'] = 'scram-sha-512';
    process.env['KAFKA_SASL_USERNAME'] = 'admin';
    process.env['KAFKA_SASL_PASSWORD'] = 'secret';
    expect(kafkaTestBrokers()).toEqual({ brokers: ['127.0.0.1:19092'], sasl: { mechanism: 'scram-sha-512', username: 'admin', password: 'secret' } });
  });

  it('says why Kafka tests are skipped when KAFKA_BROKERS is unset', () => {
    delete process.env['KAFKA_BROKERS'];
    expect(kafkaTestBrokers()).toEqual({ skipReason: expect.stringContaining('KAFKA_BROKERS is not set') });
  });

  it('treats a KAFKA_BROKERS without any address as no broker', () => {
    process.env['KAFKA_BROKERS'] = ' , ';
    expect(kafkaTestBrokers()).toEqual({ skipReason: expect.stringContaining('holds no broker address') });
  });
});
