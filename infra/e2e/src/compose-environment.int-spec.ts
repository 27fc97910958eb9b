import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdsPlaceholder } from '@stepwell/config';
import { createTestDatabase, createTestRole, describeWithKafka, kafkaServiceCredentials, type TestDatabase, type TestRole } from '@stepwell/testing';
import { load } from 'js-yaml';
import { Client } from 'pg';
import { freePort } from './support/service-process';
import { waitUntil } from './support/wait-until';

/**
 * docker-compose.yml, proven by running it: each service's image entry point (the Dockerfile's CMD, run from the
 * built `services/<s>/dist/main.js`) starts with exactly the environment compose gives it — the Dockerfile's ENV,
 * then its env file (`infra/compose/<s>.env`, or the committed `.env.example`), then `environment:` with compose's
 * `${VAR:-default}` defaults — against the test PostgreSQL and broker, and must answer `/ready` with 200.
 *
 * What the test changes, and only that: host names and ports (`postgres:5432` → the test server, its database →
 * a fresh one; `kafka:9092` → the run's broker; `PORT` → a free port, since five services share one host), and the
 * placeholder secrets of the example files (each service's database role is a fresh test role created with the
 * grants of infra/compose/postgres/10-service-roles.sh; its Kafka password is the run's broker's password for the
 * same user name; its keys and OpenID Connect client are fresh test values — NODE_ENV=production refuses every
 * placeholder, hazard H-CF1). Everything else — NODE_ENV=production, LOG_LEVEL, the event store, SASL — is the file's own.
 *
 * The web app (`web`: apps/web-bff serving apps/web's build, infra/docker/web.Dockerfile) the same way, without Kafka
 * (it uses none): its entry point with its compose environment, on a fresh role with the grants of the init script,
 * must pass its configuration validation (production: OpenID Connect only, with test values for its env file's
 * placeholders, which production refuses) and
 * answer /health with 200, serve the built web app and own schema web_bff and no other.
 */

const ROOT = join(__dirname, '../../..');
const SERVICE_ORDER = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'];
/** The web app's compose service, its env file's name and its database role (named as in the init script). */
const WEB = 'web';
const WEB_ROLE = 'web_bff';

interface ComposeService {
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  env_file?: string | string[];
  ports?: string[];
  depends_on?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** YAML merge keys (`<<: *anchor`) as compose applies them: the anchor's keys, then the mapping's own over them. */
function withMerges(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withMerges);
  if (value === null || typeof value !== 'object') return value;
  const { '<<': merged, ...own } = value as Record<string, unknown>;
  const bases = merged === undefined ? [] : Array.isArray(merged) ? merged : [merged];
  const result: Record<string, unknown> = {};
  for (const base of bases) Object.assign(result, withMerges(base));
  for (const [key, child] of Object.entries(own)) result[key] = withMerges(child);
  return result;
}

const readCompose = (): ComposeFile => withMerges(load(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'))) as ComposeFile;

/** `${NAME:-default}` and `${NAME}` as compose interpolates them with nothing set in the shell or a `.env` file. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, _name: string, fallback: string | undefined) => fallback ?? '');
}

function parseEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    env[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return env;
}

/** The env file compose would read, or its committed example when no real one is there (CI, this machine). */
function envFilePath(file: string): string {
  const path = join(ROOT, file);
  return existsSync(path) ? path : `${path}.example`;
}

/**
 * The runtime stage of a service's image as compose builds it: `ENV A=1 B=2` lines, the last `WORKDIR` and the
 * exec-form `CMD [...]`, with the build arguments (`${SERVICE}`) substituted as Docker does in ENV and WORKDIR.
 */
function dockerfileRuntime(service: ComposeService): { env: Record<string, string>; workdir: string; cmd: string[]; text: string } {
  const args = service.build!.args ?? {};
  const text = readFileSync(join(ROOT, service.build!.dockerfile), 'utf8').replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => args[name] ?? whole);
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const env: Record<string, string> = {};
  for (const match of runtime.matchAll(/^ENV (.+)$/gm)) {
    for (const pair of match[1]!.trim().split(/\s+/)) {
      const at = pair.indexOf('=');
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  const workdir = [...runtime.matchAll(/^WORKDIR (\S+)$/gm)].at(-1)?.[1] ?? '/';
  const cmd = /^CMD (\[.*\])$/m.exec(runtime);
  if (!cmd) throw new Error(`${service.build!.dockerfile} has no exec-form CMD`);
  return { env, workdir, cmd: JSON.parse(cmd[1]!) as string[], text: runtime };
}

/** The image's /app is the repository root: the folder here that the image's WORKDIR stands for. */
function checkoutFolder(workdir: string): string {
  if (!workdir.startsWith('/app')) throw new Error(`WORKDIR ${workdir} is outside /app`);
  return join(ROOT, workdir.slice('/app'.length));
}

/** The environment compose gives a service: image ENV < env_file < environment. */
function composeEnvironment(service: ComposeService): Record<string, string> {
  const dockerfile = dockerfileRuntime(service);
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  const env: Record<string, string> = { ...dockerfile.env };
  for (const file of files) Object.assign(env, parseEnvFile(envFilePath(file)));
  for (const [name, value] of Object.entries(service.environment ?? {})) env[name] = interpolate(String(value));
  return env;
}

/** The SQL of 10-service-roles.sh for one role, with psql's :"role", :'password' and :"db" filled in. */
function serviceRoleSql(role: TestRole, database: string): string[] {
  const script = readFileSync(join(ROOT, 'infra/compose/postgres/10-service-roles.sh'), 'utf8');
  const sql = /<<'SQL'\n([\s\S]*?)\nSQL\n/.exec(script)?.[1];
  if (!sql) throw new Error('10-service-roles.sh holds no SQL block');
  return sql
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '' && !statement.startsWith('CREATE ROLE')) // createTestRole made it
    .map((statement) => statement.replaceAll(':"role"', `"${role.name}"`).replaceAll(':"db"', `"${database}"`));
}

/**
 * Runs the image's CMD from the checkout folder its WORKDIR stands for, with exactly `env`, until `path` answers 200
 * on `port`. A process that exits first fails the test with its output (a configuration error names each variable).
 */
async function startEntryPoint(name: string, service: ComposeService, env: Record<string, string>, port: number, path: string): Promise<ChildProcess> {
  const { cmd, workdir } = dockerfileRuntime(service);
  const child = spawn(process.execPath, cmd.slice(1), { cwd: checkoutFolder(workdir), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  try {
    await waitUntil(
      `${name} to answer ${path} with 200`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.join('').slice(-4_000)}`);
        const response = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => null);
        return response?.status === 200 ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250, lastSeen: () => output.join('').slice(-2_000) },
    );
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

/** SIGTERM, then SIGKILL after 15 s; resolves once the process has exited. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The `for service in …` list of 10-service-roles.sh: the roles the init script creates. */
function initScriptRoles(): string[] {
  const script = readFileSync(join(ROOT, 'infra/compose/postgres/10-service-roles.sh'), 'utf8');
  const list = /^for service in ([a-z_ ]+); do$/m.exec(script)?.[1];
  if (!list) throw new Error('10-service-roles.sh has no `for service in …` loop');
  return list.trim().split(/\s+/);
}

/**
 * The example files' remaining placeholder secrets → real test values, as an operator's env file must give them:
 * with NODE_ENV=production every process refuses a placeholder (hazard H-CF1). A placeholder this test has no value
 * for fails the test, naming the variable, rather than being passed through.
 */
function withTestSecrets(env: Record<string, string>): Record<string, string> {
  const testValues: Record<string, () => string> = {
    DATA_KEY_ENCRYPTION_KEY: () => randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    OIDC_ISSUER: () => 'https://identity-provider.compose-test.invalid',
    OIDC_CLIENT_ID: () => `compose-test-${randomUUID()}`,
    OIDC_CLIENT_SECRET: () => randomBytes(24).toString('base64url'),
    OIDC_REDIRECT_URL: () => 'https://web.compose-test.invalid/session/oidc/callback',
  };
  for (const [name, value] of Object.entries(env)) {
    if (!holdsPlaceholder(value)) continue;
    const testValue = testValues[name];
    if (!testValue) throw new Error(`${name} holds an example-file placeholder this test has no test value for`);
    env[name] = testValue();
  }
  return env;
}

function rehost(url: string, target: URL): string {
  const rewritten = new URL(url);
  rewritten.hostname = target.hostname;
  rewritten.port = target.port;
  rewritten.pathname = target.pathname;
  return rewritten.toString();
}

describe('docker-compose.yml and its env files', () => {
  const compose = readCompose();
  const services = SERVICE_ORDER.filter((name) => compose.services[name]?.build);

  it('builds every service from the one service Dockerfile with its name as SERVICE, whose CMD runs that service\'s built entry point', () => {
    expect(services).toEqual(SERVICE_ORDER);
    for (const name of services) {
      const service = compose.services[name]!;
      expect(service.build).toEqual({ context: '.', dockerfile: 'infra/docker/service.Dockerfile', args: { SERVICE: name } });
      const { cmd, workdir } = dockerfileRuntime(service);
      expect(cmd[0]).toBe('node');
      expect(join(checkoutFolder(workdir), cmd.at(-1)!)).toBe(join(ROOT, `services/${name}/dist/main.js`));
    }
  });

  it('gives each service its own database role and Kafka user through its own env file, and no secret inline', () => {
    for (const name of services) {
      const service = compose.services[name]!;
      expect(service.env_file).toBe(`infra/compose/${name}.env`);
      const env = composeEnvironment(service);
      expect(new URL(env['DATABASE_URL']!).username).toBe(name);
      expect(env['KAFKA_SASL_USERNAME']).toBe(name);
      for (const secret of ['DATABASE_URL', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_USERNAME']) {
        expect(Object.keys(service.environment ?? {})).not.toContain(secret);
      }
      // Placeholders only in the committed examples.
      expect(readFileSync(join(ROOT, `infra/compose/${name}.env.example`), 'utf8')).toMatch(/CHANGE-ME/);
    }
  });

  it('names every secret of every env file in the README deployment section, with how to rotate it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const deployment = readme.slice(readme.indexOf('## Deployment'), readme.indexOf('\n## ', readme.indexOf('## Deployment') + 1));
    const files = ['postgres', 'kafka', ...services, WEB].map((name) => `infra/compose/${name}.env.example`);
    for (const file of files) {
      for (const variable of Object.keys(parseEnvFile(join(ROOT, file)))) {
        expect(`${file} ${variable} listed: ${deployment.includes(`\`${variable}\``)}`).toBe(`${file} ${variable} listed: true`);
      }
    }
    expect(deployment).toMatch(/[Rr]otat/);
  });

  it('grants the compose broker exactly the ACLs of infra/kafka (acls.txt is generated from STEPWELL_SERVICES)', () => {
    const generated = spawnSync(process.execPath, [join(ROOT, 'infra/kafka/acls.mjs'), '--compose'], { encoding: 'utf8' });
    expect(generated.status).toBe(0);
    expect(readFileSync(join(ROOT, 'infra/compose/kafka/acls.txt'), 'utf8')).toBe(generated.stdout);
  });
});

describe('docker-compose.yml: the web app (backend for frontend and the built clinician web app)', () => {
  const compose = readCompose();
  const web = compose.services[WEB]!;

  it('builds from infra/docker/web.Dockerfile, whose CMD runs the BFF\'s built entry point and whose runtime stage holds the built web app where the BFF serves it from', () => {
    expect(web.build).toEqual({ context: '.', dockerfile: 'infra/docker/web.Dockerfile' });
    const { cmd, workdir, text } = dockerfileRuntime(web);
    expect(cmd[0]).toBe('node');
    expect(join(checkoutFolder(workdir), cmd.at(-1)!)).toBe(join(ROOT, 'apps/web-bff/dist/main.js'));
    // The build stage's Vite output, at /app/apps/web/dist: the BFF's default WEB_DIST (<repository>/apps/web/dist),
    // which compose does not override. The runtime test below serves index.html from that default.
    expect(text).toMatch(/^COPY --from=build (--chown=\S+ )?\/app\/apps\/web\/dist \.\/apps\/web\/dist$/m);
    expect([...text.matchAll(/^WORKDIR (\S+)$/gm)][0]?.[1]).toBe('/app');
    expect(Object.keys(composeEnvironment(web))).not.toContain('WEB_DIST');
    expect(text).toMatch(/^HEALTHCHECK [\s\S]*\/health/m);
  });

  it('gives the BFF its own database role web_bff and its OpenID Connect client through its own env file, production settings, and no secret inline', () => {
    expect(web.env_file).toBe(`infra/compose/${WEB}.env`);
    const env = composeEnvironment(web);
    const database = new URL(env['DATABASE_URL']!);
    expect(database.username).toBe(WEB_ROLE);
    expect(`${database.hostname}:${database.port}`).toBe('postgres:5432');
    expect(env['NODE_ENV']).toBe('production');
    // Placeholders only in the committed example (the key's decodes to a CHANGE-ME text).
    const example = parseEnvFile(join(ROOT, `infra/compose/${WEB}.env.example`));
    for (const variable of ['DATABASE_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL']) expect(`${variable}=${example[variable]}`).toMatch(/CHANGE-ME/);
    expect(Buffer.from(example['DATA_KEY_ENCRYPTION_KEY']!, 'base64').toString('utf8')).toMatch(/^CHANGE-ME/);
    for (const secret of ['DATABASE_URL', 'DATA_KEY_ENCRYPTION_KEY', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']) {
      expect(Object.keys(web.environment ?? {})).not.toContain(secret);
    }
    // No Kafka: the BFF has no user on the broker.
    expect(Object.keys(env).filter((name) => name.startsWith('KAFKA_'))).toEqual([]);
  });

  it('reaches every service at its compose host and the port it listens on there, and publishes a host port of its own', () => {
    const env = composeEnvironment(web);
    for (const name of SERVICE_ORDER) {
      const target = new URL(env[`${name.toUpperCase()}_URL`]!);
      expect(`${target.protocol}//${target.hostname}`).toBe(`http://${name}`);
      expect(target.port).toBe(composeEnvironment(compose.services[name]!)['PORT']);
      expect(web.depends_on).toContain(name);
    }
    expect(web.depends_on).toContain('postgres');
    const published = (service: ComposeService) => (service.ports ?? []).map((mapping) => mapping.split(':')[0]);
    expect(web.ports).toEqual([`3000:${env['PORT']}`]);
    for (const name of SERVICE_ORDER) expect(published(compose.services[name]!)).not.toContain('3000');
  });

  it('creates the role in the PostgreSQL init script, with the password the env files agree on', () => {
    expect(initScriptRoles()).toEqual([...SERVICE_ORDER, WEB_ROLE]);
    const postgres = parseEnvFile(join(ROOT, 'infra/compose/postgres.env.example'));
    for (const [file, role] of [...SERVICE_ORDER.map((name) => [name, name]), [WEB, WEB_ROLE]] as const) {
      const url = new URL(parseEnvFile(join(ROOT, `infra/compose/${file}.env.example`))['DATABASE_URL']!);
      expect(`${role}: ${decodeURIComponent(url.password)}`).toBe(`${role}: ${postgres[`${role.toUpperCase()}_DB_PASSWORD`]}`);
    }
  });
});

describe('docker-compose.yml: the web app starts with exactly its compose environment and answers /health', () => {
  const compose = readCompose();
  let database: TestDatabase;
  let role: TestRole | undefined;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase('compose_web');
  });

  afterAll(async () => {
    if (child) await stopChild(child);
    await database?.drop();
    await role?.drop();
  });

  it('passes its configuration validation on its init-script role, answers /health with 200, serves the built web app without local log-in, and owns schema web_bff and no other', async () => {
    const service = compose.services[WEB]!;
    const env = composeEnvironment(service);
    role = await createTestRole(`compose_${WEB_ROLE}`);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      for (const statement of serviceRoleSql(role, database.name)) await admin.query(statement);
    } finally {
      await admin.end();
    }
    env['DATABASE_URL'] = role.urlFor(rehost(env['DATABASE_URL']!, new URL(database.url)));
    const port = await freePort();
    env['PORT'] = String(port);
    child = await startEntryPoint(WEB, service, withTestSecrets(env), port, '/health');
    const base = `http://127.0.0.1:${port}`;

    // The built app (Vite's index.html, not the source one that loads /src/main.tsx).
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).not.toContain('/src/main.tsx');
    // Production: OpenID Connect is the only sign-in; "choose who you are" does not exist.
    expect(await (await fetch(`${base}/session/sign-in-options`)).json()).toEqual({ localLogin: false, organisation: '/session/oidc/login' });
    expect((await fetch(`${base}/session/users`)).status).toBe(404);

    const owner = new Client({ connectionString: database.url });
    await owner.connect();
    try {
      const owned = await owner.query<{ nspname: string }>(
        'SELECT n.nspname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE r.rolname = $1 ORDER BY n.nspname',
        [role.name],
      );
      expect(owned.rows.map((row) => row.nspname)).toEqual(['web_bff']);
    } finally {
      await owner.end();
    }
  }, 120_000);
});

describeWithKafka('docker-compose.yml: every service starts with exactly its compose environment and becomes ready', (kafka) => {
  const compose = readCompose();
  let database: TestDatabase;
  const roles: TestRole[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('compose_env');
  });

  afterAll(async () => {
    await Promise.all(children.map(stopChild));
    await database?.drop();
    for (const role of roles) await role.drop();
  });

  it('starts referrals, scheduling, consultations, outcomes and directory until each answers /ready with 200', async () => {
    const missingUsers = SERVICE_ORDER.filter((name) => !kafkaServiceCredentials(name));
    if (!kafka.sasl || missingUsers.length > 0) {
      throw new Error(
        `the run's Kafka broker has no SCRAM users for ${missingUsers.join(', ') || 'its clients'}: start it with startKafkaBroker({ scram: true }) ` +
          '(npm test and the jest global set-up do), since the compose services authenticate',
      );
    }
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    const ready: string[] = [];
    try {
      for (const name of SERVICE_ORDER) {
        const service = compose.services[name]!;
        const env = composeEnvironment(service);
        const role = await createTestRole(`compose_${name}`);
        roles.push(role);
        for (const statement of serviceRoleSql(role, database.name)) await admin.query(statement);

        const composed = new URL(env['DATABASE_URL']!);
        expect(`${composed.hostname}:${composed.port}`).toBe('postgres:5432');
        env['DATABASE_URL'] = role.urlFor(rehost(env['DATABASE_URL']!, new URL(database.url)));
        expect(env['KAFKA_BROKERS']).toBe('kafka:9092');
        env['KAFKA_BROKERS'] = kafka.brokers.join(',');
        env['KAFKA_SASL_PASSWORD'] = kafkaServiceCredentials(name)!.password;
        const port = await freePort();
        env['PORT'] = String(port);

        children.push(await startEntryPoint(name, service, withTestSecrets(env), port, '/ready'));
        ready.push(name);
      }
    } finally {
      await admin.end();
    }
    expect(ready).toEqual(SERVICE_ORDER);
  }, 300_000);
});
