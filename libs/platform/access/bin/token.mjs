#!/usr/bin/env node
// Prints a token signed by the embedded identity provider, for local runs:
//   npm run token -w @stepwell/access -- --user u-1 --org A81001 --org-type gp-practice --role clinician [--role referrer] [--ttl 1h]
// Needs the built library (npm run build). Refuses to run with NODE_ENV=production.
import { parseArgs } from 'node:util';
import access from '../dist/index.js';

const { defaultDataDir, loadOrCreateSigningKey, signToken, EMBEDDED_ISSUER, DEFAULT_AUDIENCE, ORGANISATION_TYPES, ROLES } = access;

const usage = `usage: token --user <id> --org <ODS code> --org-type <type> --role <role> [--role <role> ...]
             [--name <display name>] [--ttl 1h] [--acr <level>]
  organisation types: ${ORGANISATION_TYPES.join(', ')}
  roles: ${ROLES.join(', ')}
  key: <STEPWELL_DATA_DIR or <repo>/.data>/auth/; issuer AUTH_ISSUER (default ${EMBEDDED_ISSUER}), audience AUTH_AUDIENCE (default ${DEFAULT_AUDIENCE})`;

function fail(message) {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      user: { type: 'string' },
      name: { type: 'string' },
      org: { type: 'string' },
      'org-type': { type: 'string' },
      role: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '1h' },
      acr: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
if (!values.user || !values.org || !values['org-type'] || !values.role?.length) {
  fail('--user, --org, --org-type and at least one --role are required');
}

try {
  const key = await loadOrCreateSigningKey(defaultDataDir());
  const ttl = /^\d+$/.test(values.ttl) ? Number(values.ttl) : values.ttl;
  const token = await signToken(
    { user: values.user, name: values.name, org: values.org, orgType: values['org-type'], roles: values.role, ttl, acr: values.acr },
    { key, issuer: process.env.AUTH_ISSUER ?? EMBEDDED_ISSUER, audience: process.env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE },
  );
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail(`${error.code ?? 'ERROR'}: ${error.message}`);
}
