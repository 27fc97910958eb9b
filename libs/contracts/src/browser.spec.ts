import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as browser from './browser';
import * as contracts from './index';

const source = (file: string) => readFileSync(join(__dirname, file), 'utf8');

describe('@stepwell/contracts/browser (what apps/web bundles)', () => {
  it('re-exports only modules that import nothing, so the browser bundle takes no decorators or Node code', () => {
    const modules = [...source('browser.ts').matchAll(/from '(\.[^']+)'/g)].map((m) => `${m[1]}.ts`);
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) expect({ module, imports: source(module).match(/^\s*import\b.*$/gm) ?? [] }).toEqual({ module, imports: [] });
  });

  it('exports the very lists the package exports, not copies', () => {
    for (const [name, value] of Object.entries(browser)) expect((contracts as Record<string, unknown>)[name]).toBe(value);
  });
});
