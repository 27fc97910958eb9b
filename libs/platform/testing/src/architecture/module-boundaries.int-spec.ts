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

  it('keeps NestJS and access rules out of the framework-free messaging library, and lets service-host wire them', () => {
    const code = [
      "import { Injectable } from '@nestjs/common';",
      "import { Roles } from '@stepwell/access';",
      "import { topicFor } from '@stepwell/messaging';",
      'export const x = [Injectable, Roles, topicFor];',
      '',
    ].join('\n');
    const inMessaging = lintAs('libs/platform/messaging/src/boundary-probe.ts', code.replace("import { topicFor } from '@stepwell/messaging';", "import { topicFor } from './transport.port';"));
    expect(inMessaging).toEqual([
      expect.stringMatching(/^@nx\/enforce-module-boundaries: A project tagged with "framework:none" is not allowed to import "@nestjs\/common"/),
      expect.stringMatching(/^no-restricted-imports: .*@stepwell\/messaging is framework-free/),
    ]);
    expect(lintAs('libs/platform/service-host/src/messaging/boundary-probe.ts', code)).toEqual([]);
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

// ESLint's Node API (`lintText` with a file path inside the service tree) in one child process for all probes:
// the flat config is an ES module, which jest's sandbox cannot load.
function lintAllAs(probes: { path: string; code: string }[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const probes = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: {
      languageOptions: { parserOptions: { projectService: false } },
      rules: Object.fromEntries(${JSON.stringify(typedRules)}.map((rule) => [rule, 'off'])),
    } });
    const out = [];
    for (const probe of probes) {
      const [result] = await eslint.lintText(probe.code, { filePath: probe.path });
      out.push(result.messages.map((m) => (m.ruleId ?? 'fatal') + ': ' + m.message));
    }
    console.log(JSON.stringify(out));
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], {
    cwd: root,
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[][];
}

describe('folders inside a service', () => {
  const probes = {
    useCaseImportsUseCase: {
      path: join(root, 'services/scheduling/src/slots/folder-probe.ts'),
      code: "import { AppointmentsController } from '../appointments/appointments.controller';\nexport const x = AppointmentsController;\n",
    },
    projectionImportsIntegration: {
      path: join(root, 'services/referrals/src/read-models/folder-probe.ts'),
      code: "import { referralsMessaging } from '../integration/referrals-messaging';\nexport const x = referralsMessaging;\n",
    },
    projectionImportsUseCase: {
      path: join(root, 'services/outcomes/src/read-models/folder-probe.ts'),
      code: "import { RiskAlertView } from '../risk-alerts/risk-alert.view';\nexport const x: RiskAlertView[] = [];\n",
    },
    useCaseImportsShared: {
      path: join(root, 'services/referrals/src/self-referral/folder-probe.ts'),
      code: [
        "import { ReceiveReferralHandler } from '../shared/receive-referral.handler';",
        "import { referralDecider } from '../domain/referral.decider';",
        "import { REFERRAL_COMMANDS } from '../shared/referral-commands';",
        "import { SelfReferralController } from './self-referral.controller';",
        'export const x = [ReceiveReferralHandler, referralDecider, REFERRAL_COMMANDS, SelfReferralController];',
        '',
      ].join('\n'),
    },
    fileAtServiceRoot: {
      path: join(root, 'services/outcomes/src/folder-probe.ts'),
      code: 'export const x = 1;\n',
    },
    unclassifiedFolder: {
      path: join(root, 'services/scheduling/src/folder-probe/folder-probe.ts'),
      code: 'export const x = 1;\n',
    },
    infraScript: {
      path: join(root, 'infra/local/folder-probe.mjs'),
      code: "const unused = 1;\nexport const y = notDefinedAnywhere;\n",
    },
  };
  let results: Record<keyof typeof probes, string[]>;

  beforeAll(() => {
    const names = Object.keys(probes) as (keyof typeof probes)[];
    const messages = lintAllAs(names.map((name) => probes[name]));
    results = Object.fromEntries(names.map((name, i) => [name, messages[i] ?? []])) as typeof results;
  }, 60_000);

  const folderRule = (messages: string[]) => messages.filter((m) => m.startsWith('stepwell/service-folders'));

  it('refuses a use case importing another use-case folder', () => {
    expect(folderRule(results.useCaseImportsUseCase)).toEqual([expect.stringMatching(/Use case slots\/ imports another use case \(appointments\/\)/)]);
  });

  it('refuses a projection importing integration/', () => {
    expect(folderRule(results.projectionImportsIntegration)).toEqual([expect.stringMatching(/projection \(read-models\/\) imports integration\//)]);
  });

  it('refuses a projection importing a use case', () => {
    expect(folderRule(results.projectionImportsUseCase)).toEqual([expect.stringMatching(/projection \(read-models\/\) imports risk-alerts\//)]);
  });

  it('refuses a file at the root of a service other than main.ts, app.module.ts and config.ts', () => {
    expect(folderRule(results.fileAtServiceRoot)).toEqual([expect.stringMatching(/folder-probe\.ts sits at the root of outcomes\/src/)]);
  });

  it('lets a use case import shared/, domain/ and its own folder', () => {
    expect(results.useCaseImportsShared).toEqual([]);
  });

  it('refuses a folder that is neither a use case nor a shared one', () => {
    expect(folderRule(results.unclassifiedFolder)).toEqual([expect.stringMatching(/src\/folder-probe\/ of scheduling is neither/)]);
  });

  it('lints infra scripts for undefined and unused names', () => {
    expect(results.infraScript).toEqual([expect.stringMatching(/^no-unused-vars: 'unused'/), expect.stringMatching(/^no-undef: 'notDefinedAnywhere'/)]);
  });
});
