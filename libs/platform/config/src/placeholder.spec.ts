import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, str, url } from './index';
import { holdsPlaceholder } from './placeholder';

const COMPOSE = join(__dirname, '../../../../infra/compose');

/** Every `NAME=value` of an example env file, commented-out ones (`# NAME=value`) included. */
function exampleValues(file: string): Array<[string, string]> {
  return readFileSync(join(COMPOSE, file), 'utf8')
    .split('\n')
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1]!, match[2]!.trim()]);
}

const SECRET = /PASSWORD|SECRET|KEY|DATABASE_URL|CLIENT_ID/;
const EXAMPLE_FILES = readdirSync(COMPOSE).filter((file) => file.endsWith('.env.example'));

const schema = {
  DATABASE_URL: url({ protocols: ['postgres', 'postgresql'] }),
  DATA_KEY_ENCRYPTION_KEY: str({ optional: true }),
  OIDC_CLIENT_SECRET: str({ optional: true }),
  KAFKA_SASL_PASSWORD: str({ optional: true }),
};

function issuesOf(run: () => unknown): ConfigError['issues'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('placeholder secrets (hazard H-CF1)', () => {
  it('finds the example files', () => {
    expect(EXAMPLE_FILES).toEqual(expect.arrayContaining(['web.env.example', 'postgres.env.example', 'kafka.env.example']));
  });

  it.each(EXAMPLE_FILES)('recognises every secret of %s as a placeholder, plain or base64-encoded', (file) => {
    const secrets = exampleValues(file).filter(([name]) => SECRET.test(name));
    expect(secrets.length).toBeGreaterThan(0);
    for (const [name, value] of secrets) expect({ name, placeholder: holdsPlaceholder(value) }).toEqual({ name, placeholder: true });
  });

  it('recognises the audit signing key placeholder as a PEM and as base64 of that PEM', () => {
    const der = exampleValues('referrals.env.example').find(([name]) => name === 'AUDIT_SIGNING_KEY')![1];
    const pem = `-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----\n`;
    expect(holdsPlaceholder(pem)).toBe(true);
    expect(holdsPlaceholder(Buffer.from(pem).toString('base64'))).toBe(true);
  });

  it('passes real secrets: random keys, a generated Ed25519 PEM, ordinary passwords and URLs', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    for (const value of [
      randomBytes(32).toString('base64'),
      pem,
      Buffer.from(pem).toString('base64'),
      'postgres://referrals:s3cret-from-the-vault@db.internal:5432/stepwell',
      'consultations',
      'https://login.example.nhs.uk',
    ]) {
      expect(holdsPlaceholder(value)).toBe(false);
    }
  });

  it('with NODE_ENV=production refuses each placeholder by variable name, never printing the value', () => {
    const web = Object.fromEntries(exampleValues('web.env.example'));
    const kafkaPassword = Object.fromEntries(exampleValues('referrals.env.example'))['KAFKA_SASL_PASSWORD']!;
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: web['DATABASE_URL'],
      DATA_KEY_ENCRYPTION_KEY: web['DATA_KEY_ENCRYPTION_KEY'],
      OIDC_CLIENT_SECRET: web['OIDC_CLIENT_SECRET'],
      KAFKA_SASL_PASSWORD: kafkaPassword,
    };
    const issues = issuesOf(() => loadConfig(schema, env));
    expect(issues.map((issue) => issue.variable).sort()).toEqual(['DATABASE_URL', 'DATA_KEY_ENCRYPTION_KEY', 'KAFKA_SASL_PASSWORD', 'OIDC_CLIENT_SECRET']);
    let message = '';
    try {
      loadConfig(schema, env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DATA_KEY_ENCRYPTION_KEY: holds a placeholder/);
    for (const value of Object.values(env).filter((value) => value !== 'production')) expect(message).not.toContain(value);
    expect(message).not.toMatch(/CHANGE-ME-/);
  });

  it('with NODE_ENV=production accepts real values; outside production the placeholders still load (local compose, tests)', () => {
    const real = { DATABASE_URL: 'postgres://referrals:s3cret@db.internal:5432/stepwell', DATA_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    expect(loadConfig(schema, { NODE_ENV: 'production', ...real })).toMatchObject(real);
    const placeholder = { DATABASE_URL: 'postgres://referrals:CHANGE-ME-referrals-db-password@postgres:5432/stepwell' };
    expect(loadConfig(schema, { NODE_ENV: 'development', ...placeholder }).DATABASE_URL).toBe(placeholder.DATABASE_URL);
    expect(loadConfig(schema, placeholder).DATABASE_URL).toBe(placeholder.DATABASE_URL);
  });
});
