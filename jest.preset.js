// Shared jest settings for every project: TypeScript through SWC (keeps decorator metadata for NestJS),
// workspace packages mapped to their sources so tests never need a prior build.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [name, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${name.replace('/', '\\/')}$`] = path.join(__dirname, target);
}

// NestJS 12, jose 6, temporal-polyfill (the directory's opening times) and a few of their dependencies ship ES modules only. Node (>= 20.19) loads them in production
// through require(esm), but jest 30 on Node 20 cannot: inside jest they go through the same SWC transform as our
// sources and become CommonJS.
const esmOnlyPackages = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', '@tokenizer', 'uint8array-extras', 'load-esm', 'temporal-polyfill', 'temporal-utils'];
const swcOptions = require('./libs/platform/testing/jest/swc-options.js');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
    [`/node_modules/(${esmOnlyPackages.join('|')})/.+\\.m?js$`]: [
      '@swc/jest',
      { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'ecmascript' } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: path.join(__dirname, 'libs/platform/testing/jest/global-setup.js'),
  globalTeardown: path.join(__dirname, 'libs/platform/testing/jest/global-teardown.js'),
  reporters: ['default', path.join(__dirname, 'libs/platform/testing/jest/summary-reporter.js')],
  testTimeout: 60_000,
  maxWorkers: 2,
};
