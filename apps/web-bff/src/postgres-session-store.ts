import { randomBytes } from 'node:crypto';
import { postgresPoolSettings } from '@stepwell/config';
import type { KeyEncryptionKeys } from '@stepwell/personal-data';
import { Pool, type PoolClient } from 'pg';
import { type PendingSignIn, PENDING_SECONDS, PendingSignIns } from './oidc/oidc-client';
import { type NewSession, type Session, sessionLifetime, type SessionStore, type SessionTokens, type SessionUser, sha256 } from './session-store';

/** The BFF's own schema in the platform's database (as each service has its own). */
export const SESSIONS_SCHEMA = 'web_bff';
export const SESSIONS_TABLE = `${SESSIONS_SCHEMA}.sessions`;
export const PENDING_SIGN_INS_TABLE = `${SESSIONS_SCHEMA}.pending_sign_ins`;
/** Unauthenticated callers can start sign-ins: bound the rows they can make. */
const MAX_PENDING = 10_000;

/** Binds a ciphertext to its row and column: a token copied to another row or column does not open. */
const contextOf = (idHash: Buffer, column: 'access_token' | 'id_token' | 'pending_sign_in') => `stepwell.web-bff.session\u0000${idHash.toString('hex')}\u0000${column}`;

interface Row {
  who: SessionUser;
  csrf_hash: Buffer;
  key_version: number;
  access_token: Buffer;
  id_token: Buffer | null;
}

/**
 * Sessions in PostgreSQL (`web_bff.sessions`), shared by every BFF instance on the database: a restart or another
 * instance sees the same sessions. What a row holds, and why it is no use to someone who reads the table:
 *
 * - `id_hash`: SHA-256 of the cookie's 256-bit random id — the id itself is never stored, so a row cannot be turned
 *   back into a cookie;
 * - `csrf_hash`: SHA-256 of the session's CSRF token (compared in constant time);
 * - `access_token`, `id_token`: AES-256-GCM under the key-encryption key of @stepwell/personal-data (the services'
 *   `DATA_KEY_ENCRYPTION_KEY`, its versions and its KMS port), with the row's id hash and the column as associated
 *   data; `key_version` says which key version sealed them (rotation as the services rotate);
 * - `who`: what `GET /session` shows (user id, name, organisation, roles) — the token's claims, not the token;
 * - `created_at`, `last_seen_at`, `expires_at`: expiry is part of every read — a row past its absolute expiry
 *   (`expires_at`: the token's lifetime, an hour at most) or idle too long (`last_seen_at` + the idle limit) is never
 *   returned, whether or not it has been purged yet. Expired rows are purged at every sign-in.
 */
export class PostgresSessionStore implements SessionStore {
  private closed = false;
  /** The OpenID Connect sign-ins in flight, in the same database (any instance may receive the callback). */
  readonly pendingSignIns: PendingSignIns;

  private constructor(
    private readonly pool: Pool,
    private readonly keys: KeyEncryptionKeys,
    private readonly idleSeconds: number,
    private readonly now: () => number,
  ) {
    this.pendingSignIns = new PostgresPendingSignIns(pool, keys, now);
  }

  /** Opens the store and creates its table if needed (under a lock, so instances starting together agree). */
  static async open(options: { databaseUrl: string; keyEncryptionKeys: KeyEncryptionKeys; idleSeconds: number; now?: () => number }): Promise<PostgresSessionStore> {
    const pool = new Pool({ connectionString: options.databaseUrl, ...postgresPoolSettings() });
    // An idle client's connection dropping is reported here; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresSessionStore(pool, options.keyEncryptionKeys, options.idleSeconds, options.now ?? Date.now);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end();
      throw error;
    }
    return store;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Nest calls this on `app.close()`: the pool ends with the app. */
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async migrate(): Promise<void> {
    await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['stepwell.web_bff.migrate']);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${SESSIONS_SCHEMA}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${SESSIONS_TABLE} (
        id_hash      bytea       PRIMARY KEY,
        who          jsonb       NOT NULL,
        csrf_hash    bytea       NOT NULL,
        key_version  integer     NOT NULL,
        access_token bytea       NOT NULL,
        id_token     bytea,
        created_at   timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL
      )`);
      await client.query(`CREATE INDEX IF NOT EXISTS sessions_expires_at ON ${SESSIONS_TABLE} (expires_at)`);
      await client.query(`CREATE INDEX IF NOT EXISTS sessions_last_seen_at ON ${SESSIONS_TABLE} (last_seen_at)`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${PENDING_SIGN_INS_TABLE} (
        id_hash     bytea       PRIMARY KEY,
        key_version integer     NOT NULL,
        sealed      bytea       NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
      await client.query(`CREATE INDEX IF NOT EXISTS pending_sign_ins_created_at ON ${PENDING_SIGN_INS_TABLE} (created_at)`);
    });
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async create(who: SessionUser, tokens: SessionTokens, seconds: number | undefined, replacing: string | undefined): Promise<NewSession> {
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(32).toString('base64url');
    const lifetime = sessionLifetime(seconds);
    const idHash = sha256(id);
    const access = await this.keys.wrap(Buffer.from(tokens.accessToken, 'utf8'), contextOf(idHash, 'access_token'));
    const idToken = tokens.idToken === undefined ? null : await this.keys.wrap(Buffer.from(tokens.idToken, 'utf8'), contextOf(idHash, 'id_token'));
    const now = new Date(this.now());
    await this.inTransaction(async (client) => {
      // Session fixation: whatever id the browser came with stops working; the sign-in gets a fresh one.
      if (replacing) await client.query(`DELETE FROM ${SESSIONS_TABLE} WHERE id_hash = $1`, [sha256(replacing)]);
      await this.purge(client, now);
      await client.query(
        `INSERT INTO ${SESSIONS_TABLE} (id_hash, who, csrf_hash, key_version, access_token, id_token, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
        [idHash, JSON.stringify(who), sha256(csrf), access.version, access.wrapped, idToken?.wrapped ?? null, now, new Date(now.getTime() + lifetime * 1000)],
      );
    });
    return { id, csrf, seconds: lifetime };
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id) return undefined;
    const now = new Date(this.now());
    // Expiry is in the query: a row idle too long or past its absolute expiry is never returned, purged or not.
    const { rows } = await this.pool.query<Row>(
      `UPDATE ${SESSIONS_TABLE} SET last_seen_at = GREATEST(last_seen_at, $2)
        WHERE id_hash = $1 AND expires_at > $2 AND last_seen_at > $2 - make_interval(secs => $3)
        RETURNING who, csrf_hash, key_version, access_token, id_token`,
      [sha256(id), now, this.idleSeconds],
    );
    return rows[0] ? this.open(sha256(id), rows[0]) : undefined;
  }

  async delete(id: string | undefined): Promise<Session | undefined> {
    if (!id) return undefined;
    const now = new Date(this.now());
    const { rows } = await this.pool.query<Row & { live: boolean }>(
      `DELETE FROM ${SESSIONS_TABLE} WHERE id_hash = $1
        RETURNING who, csrf_hash, key_version, access_token, id_token, (expires_at > $2 AND last_seen_at > $2 - make_interval(secs => $3)) AS live`,
      [sha256(id), now, this.idleSeconds],
    );
    return rows[0]?.live ? this.open(sha256(id), rows[0]) : undefined;
  }

  /** Deletes every session past its absolute expiry or idle limit; answers how many. */
  async purgeExpired(): Promise<number> {
    const client = await this.pool.connect();
    try {
      return await this.purge(client, new Date(this.now()));
    } finally {
      client.release();
    }
  }

  private async purge(client: PoolClient, now: Date): Promise<number> {
    const { rowCount } = await client.query(`DELETE FROM ${SESSIONS_TABLE} WHERE expires_at <= $1 OR last_seen_at <= $1 - make_interval(secs => $2)`, [now, this.idleSeconds]);
    return rowCount ?? 0;
  }

  /** A row's tokens, unsealed; a row that does not open (tampered, or its key version gone) is no session. */
  private async open(idHash: Buffer, row: Row): Promise<Session | undefined> {
    try {
      const token = (await this.keys.unwrap(row.key_version, row.access_token, contextOf(idHash, 'access_token'))).toString('utf8');
      const idToken = row.id_token ? (await this.keys.unwrap(row.key_version, row.id_token, contextOf(idHash, 'id_token'))).toString('utf8') : undefined;
      return { who: row.who, token, csrfHash: row.csrf_hash, ...(idToken === undefined ? {} : { idToken }) };
    } catch {
      return undefined;
    }
  }
}

/**
 * OpenID Connect sign-ins in flight (`web_bff.pending_sign_ins`): keyed by SHA-256 of the pending cookie's random id,
 * `state`, `nonce` and the PKCE verifier sealed like the session tokens; taken (deleted) by the first callback that
 * names it; ten minutes at most; at most 10,000 rows (the oldest go first).
 */
class PostgresPendingSignIns extends PendingSignIns {
  constructor(
    private readonly pool: Pool,
    private readonly keys: KeyEncryptionKeys,
    private readonly now: () => number,
  ) {
    super();
  }

  async add(signIn: PendingSignIn): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const idHash = sha256(id);
    const sealed = await this.keys.wrap(Buffer.from(JSON.stringify({ state: signIn.state, nonce: signIn.nonce, codeVerifier: signIn.codeVerifier }), 'utf8'), contextOf(idHash, 'pending_sign_in'));
    const now = new Date(this.now());
    await this.pool.query(`DELETE FROM ${PENDING_SIGN_INS_TABLE} WHERE created_at <= $1::timestamptz - make_interval(secs => $2)`, [now, PENDING_SECONDS]);
    await this.pool.query(
      `DELETE FROM ${PENDING_SIGN_INS_TABLE} WHERE id_hash IN (SELECT id_hash FROM ${PENDING_SIGN_INS_TABLE} ORDER BY created_at DESC OFFSET $1)`,
      [MAX_PENDING - 1],
    );
    await this.pool.query(`INSERT INTO ${PENDING_SIGN_INS_TABLE} (id_hash, key_version, sealed, created_at) VALUES ($1, $2, $3, $4)`, [idHash, sealed.version, sealed.wrapped, new Date(signIn.createdAt)]);
    return id;
  }

  async take(id: string | undefined): Promise<PendingSignIn | undefined> {
    if (!id) return undefined;
    const idHash = sha256(id);
    const { rows } = await this.pool.query<{ key_version: number; sealed: Buffer; created_at: Date }>(
      `DELETE FROM ${PENDING_SIGN_INS_TABLE} WHERE id_hash = $1 RETURNING key_version, sealed, created_at`,
      [idHash],
    );
    const row = rows[0];
    if (!row || row.created_at.getTime() + PENDING_SECONDS * 1000 <= this.now()) return undefined;
    try {
      const opened = JSON.parse((await this.keys.unwrap(row.key_version, row.sealed, contextOf(idHash, 'pending_sign_in'))).toString('utf8')) as Omit<PendingSignIn, 'createdAt'>;
      return { ...opened, createdAt: row.created_at.getTime() };
    } catch {
      return undefined;
    }
  }
}
