const path = require('node:path');

// `npm run fuzz`: the fuzz spec of infra/e2e alone, on PostgreSQL only (no Kafka broker needed).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'fuzz',
  rootDir: path.join(__dirname, '../e2e'),
  testMatch: ['<rootDir>/src/openapi-fuzz.e2e-spec.ts'],
  maxWorkers: 1,
  globalSetup: path.join(__dirname, '../../libs/platform/testing/jest/global-setup.js'),
  globalTeardown: path.join(__dirname, '../../libs/platform/testing/jest/global-teardown.js'),
};
