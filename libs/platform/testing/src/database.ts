import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Connection string of a database no other test uses. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** The server the test run uses: set by the jest global set-up (embedded PostgreSQL) or by the caller. */
export function testServerUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) {
    throw new Error('DATABASE_URL is not set: run tests through jest (its global set-up starts PostgreSQL) or set it');
  }
  return url;
}

/**
 * Creates a fresh, empty database on the test server so that each test file (or test) owns its data.
 * `label` appears in the database name to make a leftover easy to trace.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `t_${safe}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestRole {
  /** The role's name: `label` plus a random suffix (roles are server-wide, so tests running at once never share one). */
  name: string;
  password: string;
  /** `databaseUrl` with this role's name and password as its user. */
  urlFor(databaseUrl: string): string;
  /** Drops the role (drop the databases holding its grants first, or they keep it alive). */
  drop(): Promise<void>;
}

/**
 * Creates a LOGIN role with a random password on the test server, owning nothing and granted nothing: a service's
 * own database role, for tests proving what such a role may and may not do.
 */
export async function createTestRole(label: string): Promise<TestRole> {
  const serverUrl = testServerUrl();
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
  const name = `${safe}_${randomBytes(5).toString('hex')}`;
  const password = randomBytes(18).toString('base64url');
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE "${name}" LOGIN PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  return {
    name,
    password,
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.username = name;
      url.password = password;
      return url.toString();
    },
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP ROLE IF EXISTS "${name}"`);
      } finally {
        await client.end();
      }
    },
  };
}
