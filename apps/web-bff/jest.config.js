// The BFF's tests need no database: the workspace preset without its PostgreSQL global set-up.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web-bff',
  rootDir: __dirname,
  globalSetup: undefined,
  globalTeardown: undefined,
};
