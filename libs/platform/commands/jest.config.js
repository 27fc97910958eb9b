module.exports = { ...require('../../../jest.preset.js'), displayName: 'commands', rootDir: __dirname };
