module.exports = { ...require('../../jest.preset.js'), displayName: 'outcomes', rootDir: __dirname };
