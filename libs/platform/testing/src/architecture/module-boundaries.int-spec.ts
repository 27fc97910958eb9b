import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The architecture is enforced by lint (eslint.config.mjs). These tests lint small pieces of code as if they
// stood at real paths of the workspace, to prove each rule fires — a rule that silently stopped working
// (for example without Nx's project graph) would let the boundaries erode unseen.
const root = join(__dirname, '../../../../..');

const typedRules = ['@typescript-eslint/no-floating-promises', '@typescript-eslint/switch-exhaustiveness-check'];

// ESLint runs as its own process: it loads its flat config as an ES module, which jest's sandbox cannot.
function lintAs(path: string, code: string): string[] {
  let output: string;
  try {
    // The probes are not files of any tsconfig, so type-aware parsing (and the rules needing it) is off for them.
    const untyped = ['--parser-options', 'projectService:false', ...typedRules.flatMap((rule) => ['--rule', `${rule}: off`])];
    output = execFileSync('npx', ['eslint', ...untyped, '--format', 'json', '--stdin', '--stdin-filename', join(root, path)], {
      cwd: root,
      input: code,
      encoding: 'utf8',
    });
  } catch (error) {
    // ESLint exits 1 when it reports problems; its JSON is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
  }
  const [result] = JSON.parse(output) as { messages: { ruleId: string | null; message: string }[] }[];
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('module boundaries and domain purity', () => {
  beforeAll(() => {
    // The Nx rule reads the cached project graph; compute it as `npm run lint` does.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
  }, 120_000);

  it('refuses a service importing another service', () => {
    const messages = lintAs(
      'services/scheduling/src/boundary-probe.ts',
      "import { placeholder } from '@stepwell/referrals';\nexport const x = placeholder;\n",
    );
    expect(messages.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('refuses a library importing a service', () => {
    const messages = lintAs(
      'libs/platform/http/src/boundary-probe.ts',
      "import { placeholder } from '@stepwell/referrals';\nexport const x = placeholder;\n",
    );
    expect(messages.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('refuses contracts depending on platform libraries', () => {
    const messages = lintAs(
      'libs/contracts/src/boundary-probe.ts',
      "import { fold } from '@stepwell/decider';\nexport const x = fold;\n",
    );
    expect(messages.join('\n')).toMatch(/enforce-module-boundaries/);
  });

  it('lets a service import platform libraries', () => {
    const messages = lintAs(
      'services/scheduling/src/boundary-probe.ts',
      "import { fold } from '@stepwell/decider';\nexport const x = fold;\n",
    );
    expect(messages.filter((m) => m.includes('enforce-module-boundaries'))).toEqual([]);
  });

  it('keeps NestJS, TypeORM and the clock out of domain code', () => {
    const messages = lintAs(
      'services/referrals/src/domain/boundary-probe.ts',
      [
        "import { Injectable } from '@nestjs/common';",
        "import { DataSource } from 'typeorm';",
        'export const a = [Injectable, DataSource];',
        'export const b = Date.now();',
        'export const c = new Date();',
        'export const d = Math.random();',
        '',
      ].join('\n'),
    );
    const text = messages.join('\n');
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(3);
    expect(text).toMatch(/never reads the clock/);
  });

  it('allows explicit dates in domain code (time that arrives in a command)', () => {
    const messages = lintAs(
      'services/referrals/src/domain/boundary-probe.ts',
      "export const at = (iso: string) => new Date(iso);\n",
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toEqual([]);
  });
});
