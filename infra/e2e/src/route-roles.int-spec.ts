import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ACCESS_POLICY, type AccessAction, IS_PUBLIC, PATIENT_ACCESS, type PatientAccessOptions, REQUIRED_ROLES, type Role } from '@stepwell/access';

const ROOT = join(__dirname, '../../..');
/** Services with HTTP routes of their own. */
const SERVICES = ['referrals', 'scheduling', 'outcomes', 'directory', 'consultations'];
const BEGIN = '<!-- route-roles: generated from the code; checked by infra/e2e/src/route-roles.int-spec.ts -->';
const END = '<!-- /route-roles -->';
// Nest's route metadata (`@nestjs/common/constants`) and its RequestMethod numbering.
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

type Constructor = { prototype: Record<string, unknown>; name: string };

function controllerFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return controllerFiles(path);
    return entry.endsWith('.controller.js') ? [path] : [];
  });
}

const join2 = (a: string, b: string) => `/${[a, b].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The roles a `@PatientAccess` action needs: every role any relationship of the one policy table grants it to. */
function policyRoles(action: AccessAction): Role[] {
  const roles = new Set<Role>();
  for (const kind of Object.values(ACCESS_POLICY)) for (const role of kind.grants[action]?.roles ?? []) roles.add(role);
  return [...roles].sort();
}

/**
 * Every route of a service's built controllers with the roles its metadata demands — exactly what the guards read:
 * `@Public` (no token), `@Roles` (method over class), `@PatientAccess` (the policy table, by relationship), else
 * any signed-in user. Read from `services/<name>/dist` (what runs), like the other end-to-end suites.
 */
function routesOf(service: string): string[] {
  const dist = join(ROOT, 'services', service, 'dist');
  const rows: Array<{ route: string; roles: string }> = [];
  for (const file of controllerFiles(dist)) {
    // The built controller, loaded as the service loads it; its decorators ran, which is all that is read.
    const exported = require(file) as Record<string, unknown>;
    for (const candidate of Object.values(exported)) {
      if (typeof candidate !== 'function') continue;
      const controller = candidate as unknown as Constructor;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      if (base === undefined) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;
        if (method === undefined) continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
        const isPublic = Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
        const roles = (Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller)) as Role[] | undefined;
        const access = Reflect.getMetadata(PATIENT_ACCESS, handler) as PatientAccessOptions | undefined;
        const needs = isPublic
          ? 'none (no token)'
          : roles?.length
            ? [...roles].sort().join(', ')
            : access
              ? `${policyRoles(access.action).join(', ')} (\`${access.action}\`, by relationship)`
              : 'any signed-in user';
        rows.push({ route: `\`${METHODS[method]} ${openApiPath(join2(base, path))}\``, roles: needs });
      }
    }
  }
  rows.sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
  return rows.map((row) => `| ${row.route} | ${row.roles} |`);
}

function generatedBlock(service: string): string {
  return [BEGIN, '| route | roles it needs |', '|---|---|', ...routesOf(service), END].join('\n');
}

/**
 * Issue 13 item 7: every route's README row names the roles it needs, and cannot drift from the code. Each service's
 * README holds a generated table between the markers; this test regenerates it from the built controllers' metadata
 * and fails on any difference. `UPDATE_ROUTE_ROLES=1` rewrites the tables instead (then review the diff).
 */
describe('the README route tables name the roles each route needs, as the code says', () => {
  it.each(SERVICES)('%s', (service) => {
    const readmePath = join(ROOT, 'services', service, 'README.md');
    const block = generatedBlock(service);
    const markers = (text: string) => ({ start: text.indexOf(BEGIN), end: text.indexOf(END) });
    if (process.env['UPDATE_ROUTE_ROLES'] === '1') {
      const before = readFileSync(readmePath, 'utf8');
      const { start, end } = markers(before);
      if (start < 0 || end < 0) throw new Error(`${relative(ROOT, readmePath)} has no route-roles markers to write between`);
      writeFileSync(readmePath, before.slice(0, start) + block + before.slice(end + END.length));
    }
    const readme = readFileSync(readmePath, 'utf8');
    const { start, end } = markers(readme);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(block.split('\n').length).toBeGreaterThan(4);
    expect(readme.slice(start, end + END.length)).toEqual(block);
  });
});
