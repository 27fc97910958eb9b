// Lets a plain `node` child process (spawned by a test) run the workspace's TypeScript sources, the way jest
// does: `.ts` through SWC with the same options, `@stepwell/*` mapped to sources. Test-only.
// Usage: fork(script.ts, { execArgv: ['-r', <root>/libs/platform/testing/jest/swc-register.js] })
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const swcOptions = require('./swc-options');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const mapped = Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [name, path.join(root, target)]));

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveMapped(request, ...rest) {
  return resolveFilename.call(this, mapped[request] ?? request, ...rest);
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), { ...swcOptions, filename });
  module._compile(code, filename);
};
