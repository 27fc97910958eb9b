module.exports = { ...require('../../jest.preset.js'), displayName: 'consultations', rootDir: __dirname };
