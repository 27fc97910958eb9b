// Lint encodes the architecture (see ARCHITECTURE.md "Layout"):
// - Nx tags with a real constraint matrix: services import libs, libs never import services, no service imports
//   another service, contracts depend on nothing of ours;
// - domain code (services/*/src/domain) imports neither Nest, TypeORM, pg, kafkajs nor the event-store client,
//   and never reads the clock;
// - floating promises, non-exhaustive switches and value imports of types are errors.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworkImports = [
  { group: ['@nestjs/*'], message: 'Domain code is framework-free: no NestJS in domain/.' },
  { group: ['typeorm', 'pg', 'kafkajs', '@eventstore/*'], message: 'Domain code does no I/O.' },
  {
    group: ['@stepwell/event-store', '@stepwell/messaging', '@stepwell/http', '@stepwell/read-models', '@stepwell/access'],
    message: 'Domain code depends only on @stepwell/decider and @stepwell/contracts.',
  },
];

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs', '.data/**', '.nx/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:platform', 'type:pure', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:pure', 'type:contracts', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:pure', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            // End-to-end tests drive the built services as black boxes: no service code, only test support.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'type:platform'] },
            { sourceTag: 'type:pure', onlyDependOnLibsWithTags: ['type:pure'] },
            // Scopes: a service sees only itself and shared libraries, never another service.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:referrals', onlyDependOnLibsWithTags: ['scope:referrals', 'scope:shared'] },
            { sourceTag: 'scope:scheduling', onlyDependOnLibsWithTags: ['scope:scheduling', 'scope:shared'] },
            { sourceTag: 'scope:consultations', onlyDependOnLibsWithTags: ['scope:consultations', 'scope:shared'] },
            { sourceTag: 'scope:outcomes', onlyDependOnLibsWithTags: ['scope:outcomes', 'scope:shared'] },
            { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: frameworkImports }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Domain code never reads the clock: time arrives in the command.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Domain code never reads the clock: time arrives in the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Domain code is deterministic: ids arrive in the command.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];
