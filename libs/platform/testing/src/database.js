"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.testServerUrl = testServerUrl;
exports.createTestDatabase = createTestDatabase;
exports.createTestRole = createTestRole;
const node_crypto_1 = require("node:crypto");
const pg_1 = require("pg");
/** The server the test run uses: set by the jest global set-up (embedded PostgreSQL) or by the caller. */
function testServerUrl() {
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
async function createTestDatabase(label) {
    const serverUrl = testServerUrl();
    const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
    const name = `t_${safe}_${(0, node_crypto_1.randomBytes)(5).toString('hex')}`;
    const admin = new pg_1.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
        await admin.query(`CREATE DATABASE "${name}"`);
    }
    finally {
        await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
        url: url.toString(),
        name,
        async drop() {
            const client = new pg_1.Client({ connectionString: serverUrl });
            await client.connect();
            try {
                await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
            }
            finally {
                await client.end();
            }
        },
    };
}
/**
 * Creates a LOGIN role with a random password on the test server, owning nothing and granted nothing: a service's
 * own database role, for tests proving what such a role may and may not do.
 */
async function createTestRole(label) {
    const serverUrl = testServerUrl();
    const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 30);
    const name = `${safe}_${(0, node_crypto_1.randomBytes)(5).toString('hex')}`;
    const password = (0, node_crypto_1.randomBytes)(18).toString('base64url');
    const admin = new pg_1.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
        await admin.query(`CREATE ROLE "${name}" LOGIN PASSWORD '${password}'`);
    }
    finally {
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
            const client = new pg_1.Client({ connectionString: serverUrl });
            await client.connect();
            try {
                await client.query(`DROP ROLE IF EXISTS "${name}"`);
            }
            finally {
                await client.end();
            }
        },
    };
}
//# sourceMappingURL=database.js.map