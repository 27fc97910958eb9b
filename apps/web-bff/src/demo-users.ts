import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from './config';
import type { SessionUser } from './session-store';

/** The demo users `npm start -- --demo` seeds and prints (DEMO_USERS of infra/demo/seed.mjs): one list, not a copy. */
export type DemoUsersLoader = () => Promise<SessionUser[]>;
export const DEMO_USERS_LOADER = Symbol('DEMO_USERS_LOADER');

interface SeedUser {
  user: string;
  name: string;
  org: string;
  orgType: string;
  roles: string[];
}

export const loadDemoUsers: DemoUsersLoader = async () => {
  const seed = (await import(pathToFileURL(join(REPO_ROOT, 'infra/demo/seed.mjs')).href)) as { DEMO_USERS: Record<string, SeedUser> };
  return Object.entries(seed.DEMO_USERS).map(([key, u]) => ({ key, user: u.user, name: u.name, org: u.org, orgType: u.orgType, roles: [...u.roles] }));
};
