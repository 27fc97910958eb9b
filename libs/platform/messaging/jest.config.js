const path = require('node:path');

// Messaging tests need Kafka as well as PostgreSQL: this package opts in to the set-up that starts a broker when
// KAFKA_BROKERS is unset (npm test starts one for the whole run and sets it).
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'messaging',
  rootDir: __dirname,
  globalSetup: path.join(__dirname, '../testing/jest/kafka-global-setup.js'),
  globalTeardown: path.join(__dirname, '../testing/jest/kafka-global-teardown.js'),
};
