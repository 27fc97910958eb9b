// Stops the broker kafka-global-setup.js started (never one it found through KAFKA_BROKERS), then PostgreSQL.
const postgresTeardown = require('./global-teardown');

module.exports = async function kafkaGlobalTeardown(globalConfig, projectConfig) {
  const broker = globalThis.__STEPWELL_KAFKA_BROKER__;
  try {
    if (broker) {
      delete globalThis.__STEPWELL_KAFKA_BROKER__;
      for (const name of ['KAFKA_BROKERS', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_TEST_CREDENTIALS']) {
        delete process.env[name];
      }
      await broker.stop();
    }
  } finally {
    await postgresTeardown(globalConfig, projectConfig);
  }
};
