// The one definition of how tests compile TypeScript: SWC, legacy decorators with metadata (NestJS reads
// constructor parameter types at run time), CommonJS. Used by jest.preset.js and by swc-register.js.
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
