// Lint encodes the architecture (see ARCHITECTURE.md "Layout"):
// - Nx tags with a real constraint matrix: services import libs, libs never import services, no service imports
//   another service, contracts depend on nothing of ours, a `framework:none` library (messaging) imports no NestJS;
// - domain code (services/*/src/domain) imports neither Nest, TypeORM, pg, kafkajs nor the event-store client,
//   and never reads the clock;
// - floating promises, non-exhaustive switches and value imports of types are errors;
// - inside a service (services/*/src): a use-case folder never imports another use-case folder, and a projection
//   (read-models/) imports neither a use case nor integration/ (rule stepwell/service-folders, below);
// - the infrastructure scripts (infra/**/*.mjs) are linted for correctness (undefined names, unused variables).
import { dirname, resolve, sep } from 'node:path';
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

// The folders of each service's src/ that hold one use case each (its controller, handler or query, requests and
// views). Everything else in src/ is shared by the use cases: shared/, domain/, access/, read-models/,
// integration/, testing/, and cli/ (the one-shot entry points: migrate, rebuild, recompute). Code two use cases need
// goes into shared/ (or domain/), never imported from one use case by another. A new folder must be added to one list
// or the other. The root of src/ holds only the process's own three files (and their tests).
const useCaseFolders = {
  referrals: [
    'complete-referral', 'episodes', 'get-referral', 'journey', 'national-data-opt-out', 'notifications', 'organisations', 'patient-erasure',
    'patient-index', 'receive-referral', 'retention', 'self-referral', 'triage-queue', 'triage-referral', 'verify-identity',
    'withdraw-referral',
    // Gap watch (issue 18).
    'care-threads', 'gap-metrics',
    // Subject access export (issue 15 item 4).
    'subject-access-export',
    // Issue 15 item 5: consent to share and to be contacted.
    'consents',
  ],
  scheduling: [
    'appointments', 'clinicians', 'diary-sessions', 'follow-up', 'group-sessions', 'journey', 'refill-offers', 'reminders', 'slots',
    'waiting-list', 'waits',
  ],
  outcomes: [
    'episode-outcomes', 'invitations', 'journey', 'measures', 'questionnaires', 'recompute', 'record-response', 'risk-alerts',
    'service-outcomes',
  ],
  consultations: ['breach-check', 'consultation-actions', 'consultation-offers', 'journey', 'mdt', 'metrics', 'offerings', 'request-consultation', 'worklist'],
  directory: ['edit-listings', 'export-feed', 'import-feed', 'journey', 'public-api', 'referral-statistics', 'social-prescriptions'],
};
const sharedFolders = ['shared', 'domain', 'access', 'read-models', 'integration', 'testing', 'cli'];
const rootFiles = ['main.ts', 'app.module.ts', 'config.ts', 'config.spec.ts', 'service.int-spec.ts'];

/** Service name and top folder of src/ ('' for a file at the root of src/) of an absolute path, or undefined. */
function serviceFolderOf(path) {
  const parts = path.split(sep);
  const at = parts.lastIndexOf('services');
  if (at < 0 || parts[at + 2] !== 'src' || parts.length < at + 4) return undefined;
  return { service: parts[at + 1], folder: parts.length > at + 4 ? parts[at + 3] : '' };
}

const serviceFoldersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Use cases do not import each other; projections import neither use cases nor integration/.' },
    schema: [],
  },
  create(context) {
    const from = serviceFolderOf(context.filename);
    if (!from || !(from.service in useCaseFolders)) return {};
    const useCases = useCaseFolders[from.service];
    const isUseCase = (folder) => useCases.includes(folder);
    const check = (node) => {
      const source = node?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = serviceFolderOf(resolve(dirname(context.filename), source));
      if (!to || to.service !== from.service || to.folder === from.folder) return;
      if (isUseCase(from.folder) && isUseCase(to.folder)) {
        context.report({
          node,
          message: `Use case ${from.folder}/ imports another use case (${to.folder}/): move what both need into src/shared/ (or domain/).`,
        });
      } else if (from.folder === 'read-models' && (isUseCase(to.folder) || to.folder === 'integration')) {
        context.report({
          node,
          message: `A projection (read-models/) imports ${to.folder}/: move what it needs into read-models/ or src/shared/.`,
        });
      }
    };
    return {
      Program(node) {
        const fileName = context.filename.split(sep).pop();
        if (from.folder === '' && !rootFiles.includes(fileName)) {
          context.report({
            node,
            message: `${fileName} sits at the root of ${from.service}/src, which holds only main.ts, app.module.ts and config.ts: move it into shared/ (or cli/ for an entry point).`,
          });
        }
        if (from.folder !== '' && !isUseCase(from.folder) && !sharedFolders.includes(from.folder)) {
          context.report({
            node,
            message: `src/${from.folder}/ of ${from.service} is neither a use-case folder nor a shared one: add it to useCaseFolders or sharedFolders in eslint.config.mjs.`,
          });
        }
      },
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/*.js', '**/*.mjs', '!infra/**/*.mjs', '**/*.cjs', '.data/**', '.nx/**'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
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
            // Framework-free platform libraries (@stepwell/messaging): no NestJS. Their Nest wiring lives in the
            // library that composes them (@stepwell/service-host), so the edge points one way.
            { sourceTag: 'framework:none', bannedExternalImports: ['@nestjs/*'] },
            // The web app and its BFF (apps/): platform libraries and contracts, never a service's code. Test support
            // as for the services: the BFF's tests make their own PostgreSQL database (its sessions live there).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:pure', 'type:contracts', 'type:testing'] },
            // Scopes: a service sees only itself and shared libraries, never another service.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:referrals', onlyDependOnLibsWithTags: ['scope:referrals', 'scope:shared'] },
            { sourceTag: 'scope:scheduling', onlyDependOnLibsWithTags: ['scope:scheduling', 'scope:shared'] },
            { sourceTag: 'scope:consultations', onlyDependOnLibsWithTags: ['scope:consultations', 'scope:shared'] },
            { sourceTag: 'scope:outcomes', onlyDependOnLibsWithTags: ['scope:outcomes', 'scope:shared'] },
            { sourceTag: 'scope:directory', onlyDependOnLibsWithTags: ['scope:directory', 'scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
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
    files: ['services/*/src/**/*.ts'],
    plugins: { stepwell: { rules: { 'service-folders': serviceFoldersRule } } },
    rules: { 'stepwell/service-folders': 'error' },
  },
  {
    // Node scripts: correctness only (the globals are those of the Node running the lint).
    files: ['infra/**/*.mjs'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: Object.fromEntries(Object.getOwnPropertyNames(globalThis).map((name) => [name, 'readonly'])),
    },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
    // @stepwell/messaging is framework-free and knows no access rules: Nest wiring, care relationships and the ops
    // role guard are @stepwell/service-host's (NestJS itself is banned by the `framework:none` tag above).
    files: ['libs/platform/messaging/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@stepwell/access', '@stepwell/access/*', '@stepwell/service-host', '@stepwell/service-host/*', '@stepwell/http', '@stepwell/http/*'],
              message: '@stepwell/messaging is framework-free: access rules and Nest wiring belong in @stepwell/service-host.',
            },
          ],
        },
      ],
    },
  },
  {
    // A library's surface is listed by name (see docs/architecture.md): `export *` would make every helper public.
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'List the exports by name: `export *` makes every helper public.' },
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
