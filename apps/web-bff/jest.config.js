// The BFF's tests run on the workspace preset, with its PostgreSQL global set-up: the sessions live in PostgreSQL.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web-bff',
  rootDir: __dirname,
};
