const path = require('node:path');

// The services run as child processes of the built code (services/*/dist): `npm test` builds before it tests;
// alone, run `npx tsc -b tsconfig.build.json` at the root first. One suite at a time: each starts four Node
// processes beside PostgreSQL and Kafka, which is all two cores can carry.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'e2e',
  rootDir: __dirname,
  maxWorkers: 1,
  testTimeout: 180_000,
  globalSetup: path.join(__dirname, '../../libs/platform/testing/jest/kafka-global-setup.js'),
  globalTeardown: path.join(__dirname, '../../libs/platform/testing/jest/kafka-global-teardown.js'),
};
