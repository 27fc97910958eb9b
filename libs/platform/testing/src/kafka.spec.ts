import { kafkaTestBrokers } from './kafka';

describe('kafkaTestBrokers', () => {
  const saved = process.env['KAFKA_BROKERS'];
  afterEach(() => {
    if (saved === undefined) delete process.env['KAFKA_BROKERS'];
    else process.env['KAFKA_BROKERS'] = saved;
  });

  it('lists the brokers of KAFKA_BROKERS, ignoring blanks around and between them', () => {
    process.env['KAFKA_BROKERS'] = ' 127.0.0.1:19092, ,127.0.0.1:19094 ';
    expect(kafkaTestBrokers()).toEqual({ brokers: ['127.0.0.1:19092', '127.0.0.1:19094'] });
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
