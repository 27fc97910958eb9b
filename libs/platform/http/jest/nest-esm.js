// Kept only so that jest configs written against it still load: jest.preset.js now transforms the ESM-only
// packages (@nestjs/*, jose, ...) for every project. Prefer the plain preset; this returns the config unchanged.
function withNestEsm(config) {
  return config;
}

module.exports = { withNestEsm };
