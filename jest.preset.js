// Shared jest settings for every project: TypeScript through SWC (keeps decorator metadata for NestJS),
// workspace packages mapped to their sources so tests never need a prior build.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [name, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${name.replace('/', '\\/')}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)+(spec|int-spec|e2e-spec).ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: path.join(__dirname, 'libs/platform/testing/jest/global-setup.js'),
  globalTeardown: path.join(__dirname, 'libs/platform/testing/jest/global-teardown.js'),
  reporters: ['default', path.join(__dirname, 'libs/platform/testing/jest/summary-reporter.js')],
  testTimeout: 60_000,
  maxWorkers: 2,
};
