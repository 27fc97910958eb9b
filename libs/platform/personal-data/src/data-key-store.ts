import { randomBytes, randomUUID } from 'node:crypto';
import { postgresPoolSettings } from '@stepwell/config';
import { Pool, type PoolClient } from 'pg';
import { DATA_KEY_BYTES } from './field-cipher';
import type { KeyEncryptionKeys } from './key-encryption-keys';

/** What a key id stands for when an event is read: the key, or the fact that it was shredded. */
export type DataKeyLookup = { kind: 'key'; key: Buffer } | { kind: 'shredded' };

export interface ShredResult {
  /** Keys destroyed by this call (empty when they were destroyed before: erasure is idempotent). */
  shreddedNow: string[];
  /** Every key of the person destroyed so far. */
  shreddedTotal: number;
}

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * How long an opened key is kept for reads (`lookup`): every subscription of a service (projections, reactors, relay,
 * transparency log) reads the same new page within milliseconds, and each used to fetch and unwrap the same keys —
 * about a dozen `data_keys` reads per referral. Short on purpose (hazard H-KC1): a person erased by another instance
 * of the service is still readable here for at most this long; on this instance `shred` forgets them at once.
 */
export const DATA_KEY_READ_CACHE_MS = 2_000;
/** At most this many opened keys are held (the oldest go first). */
const DATA_KEY_READ_CACHE_ENTRIES = 10_000;

/**
 * The per-person data-encryption keys of one service, in its PostgreSQL database (`<schema>.data_keys`), each wrapped
 * by the key-encryption key; never in the event log. One live key per patient subject id. Shredding deletes the
 * person's wrapped keys and keeps only a tombstone of their ids (`<schema>.shredded_data_keys`: no key material),
 * so that a read can tell "erased" from "missing" (a missing key that was never shredded is an error, not an erasure).
 */
export class DataKeyStore {
  /** Opened keys by key id, for reads only (writes always read the live key: never seal with a shredded one). */
  private readonly opened = new Map<string, { key: Buffer; subjectId: string; until: number }>();
  /** Shredding is final: a tombstone, once seen, is kept (bounded like the keys). */
  private readonly tombstones = new Set<string>();

  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
    private readonly kek: KeyEncryptionKeys,
    private readonly ownsPool: boolean,
    private readonly cacheMs: number,
    private readonly now: () => number,
  ) {}

  /**
   * Opens the store and creates its tables if needed (under a lock, so instances starting together agree). With
   * `pool` (the event store's), it borrows it and never ends it. `readCacheMs` (default `DATA_KEY_READ_CACHE_MS`; 0: off)
   * and `now` (tests) govern the read cache.
   */
  static async open(options: {
    databaseUrl?: string;
    pool?: Pool;
    schema: string;
    keyEncryptionKeys: KeyEncryptionKeys;
    readCacheMs?: number;
    now?: () => number;
  }): Promise<DataKeyStore> {
    if (!SCHEMA_PATTERN.test(options.schema)) throw new Error(`Invalid key store schema ${JSON.stringify(options.schema)}`);
    const pool = options.pool ?? new Pool({ connectionString: options.databaseUrl, ...postgresPoolSettings() });
    if (!options.pool) pool.on('error', () => undefined);
    const store = new DataKeyStore(
      pool,
      options.schema,
      options.keyEncryptionKeys,
      !options.pool,
      options.readCacheMs ?? DATA_KEY_READ_CACHE_MS,
      options.now ?? Date.now,
    );
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  private get s(): string {
    return `"${this.schema}"`;
  }

  private async migrate(): Promise<void> {
    try {
      await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.s}`);
    } catch (error) {
      // Created at the same instant by the event store's own migration: there it is.
      if ((error as { code?: unknown }).code !== '23505') throw error;
    }
    await this.inTransaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stepwell.personal_data.migrate:${this.schema}`]);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.s}.data_keys (
        key_id      uuid        PRIMARY KEY,
        subject_id  text        NOT NULL UNIQUE,
        kek_version integer     NOT NULL,
        wrapped_key bytea       NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.s}.shredded_data_keys (
        key_id      uuid        PRIMARY KEY,
        subject_id  text        NOT NULL,
        shredded_at timestamptz NOT NULL DEFAULT now()
      )`);
      await client.query(`CREATE INDEX IF NOT EXISTS shredded_data_keys_subject ON ${this.s}.shredded_data_keys (subject_id)`);
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

  /**
   * The person's live key, created on first use (a person erased before gets a new key for new facts): one read when
   * the person has a key; otherwise a key is wrapped (the KEK may be a KMS call, so only then) and inserted if still
   * absent, returning the row or the one another writer created at the same instant.
   */
  async keyFor(subjectId: string): Promise<{ keyId: string; key: Buffer }> {
    const existing = await this.liveKey(subjectId);
    if (existing) return existing;
    const keyId = randomUUID();
    const key = randomBytes(DATA_KEY_BYTES);
    const { version, wrapped } = await this.kek.wrap(key, wrapContext(keyId, subjectId));
    const { rows } = await this.pool.query<KeyRow>(
      `WITH created AS (
         INSERT INTO ${this.s}.data_keys (key_id, subject_id, kek_version, wrapped_key) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subject_id) DO NOTHING
         RETURNING key_id, subject_id, kek_version, wrapped_key)
       SELECT key_id, subject_id, kek_version, wrapped_key FROM created
       UNION ALL
       SELECT key_id, subject_id, kek_version, wrapped_key FROM ${this.s}.data_keys WHERE subject_id = $2 AND NOT EXISTS (SELECT 1 FROM created)`,
      [keyId, subjectId, version, wrapped],
    );
    const row = rows[0];
    // Ours (no unwrap of what was just wrapped), or the one another writer inserted first.
    if (row) return row.key_id === keyId ? { keyId, key } : { keyId: row.key_id, key: await this.unwrap(row) };
    // Created by another writer after this statement's snapshot: whoever inserted first wins; everyone uses that one.
    const created = await this.liveKey(subjectId);
    if (!created) throw new Error('A data key was neither found nor created');
    return created;
  }

  private async liveKey(subjectId: string): Promise<{ keyId: string; key: Buffer } | null> {
    const { rows } = await this.pool.query<KeyRow>(`SELECT key_id, subject_id, kek_version, wrapped_key FROM ${this.s}.data_keys WHERE subject_id = $1`, [subjectId]);
    const row = rows[0];
    return row ? { keyId: row.key_id, key: await this.unwrap(row) } : null;
  }

  /**
   * The keys (or tombstones) of these ids; an id in neither table is absent from the map. Keys opened in the last
   * `readCacheMs` and tombstones already seen are answered from memory; the rest with one query per table.
   */
  async lookup(keyIds: readonly string[]): Promise<Map<string, DataKeyLookup>> {
    const found = new Map<string, DataKeyLookup>();
    const now = this.now();
    const toRead: string[] = [];
    for (const id of new Set(keyIds.filter((keyId) => UUID.test(keyId)).map((keyId) => keyId.toLowerCase()))) {
      const cached = this.opened.get(id);
      if (cached && cached.until > now) found.set(id, { kind: 'key', key: cached.key });
      else if (this.tombstones.has(id)) found.set(id, { kind: 'shredded' });
      else toRead.push(id);
    }
    if (toRead.length === 0) return found;
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT key_id, subject_id, kek_version, wrapped_key FROM ${this.s}.data_keys WHERE key_id = ANY($1::uuid[])`,
      [toRead],
    );
    for (const row of rows) {
      const key = await this.unwrap(row);
      found.set(row.key_id, { kind: 'key', key });
      this.remember(row.key_id, key, row.subject_id, now);
    }
    const missing = toRead.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const tombstones = await this.pool.query<{ key_id: string }>(`SELECT key_id FROM ${this.s}.shredded_data_keys WHERE key_id = ANY($1::uuid[])`, [missing]);
      for (const row of tombstones.rows) {
        found.set(row.key_id, { kind: 'shredded' });
        if (this.tombstones.size >= DATA_KEY_READ_CACHE_ENTRIES) this.tombstones.clear();
        this.tombstones.add(row.key_id);
      }
    }
    // Keyed as the caller asked (upper or lower case).
    for (const id of keyIds) {
      const hit = found.get(id.toLowerCase());
      if (hit && !found.has(id)) found.set(id, hit);
    }
    return found;
  }

  private remember(keyId: string, key: Buffer, subjectId: string, now: number): void {
    if (this.cacheMs <= 0) return;
    this.opened.delete(keyId);
    if (this.opened.size >= DATA_KEY_READ_CACHE_ENTRIES) {
      const oldest = this.opened.keys().next().value;
      if (oldest !== undefined) this.opened.delete(oldest);
    }
    this.opened.set(keyId, { key, subjectId, until: now + this.cacheMs });
  }

  private forget(subjectId: string): void {
    for (const [keyId, entry] of this.opened) if (entry.subjectId === subjectId) this.opened.delete(keyId);
  }

  /**
   * Erasure by shredding: deletes every wrapped key of the person and records their ids as shredded, in one
   * transaction. Idempotent. What it cannot reach (copies of the table in backups, WAL archives, replicas) stays
   * wrapped by the KEK: rotating the KEK and destroying the old version makes those copies unreadable too.
   */
  async shred(subjectId: string): Promise<ShredResult> {
    // Forgotten before and after: no read on this instance opens the person's facts once the shred has begun.
    this.forget(subjectId);
    const result = await this.inTransaction(async (client) => {
      const { rows } = await client.query<{ key_id: string }>(`DELETE FROM ${this.s}.data_keys WHERE subject_id = $1 RETURNING key_id`, [subjectId]);
      for (const row of rows) {
        await client.query(`INSERT INTO ${this.s}.shredded_data_keys (key_id, subject_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [row.key_id, subjectId]);
      }
      const total = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${this.s}.shredded_data_keys WHERE subject_id = $1`, [subjectId]);
      return { shreddedNow: rows.map((row) => row.key_id), shreddedTotal: Number(total.rows[0]?.count ?? 0) };
    });
    this.forget(subjectId);
    return result;
  }

  /** Re-wraps every key wrapped under an older KEK version with the current one (KEK rotation). */
  async rewrap(): Promise<{ rewrapped: number; remainingOnOldVersions: number }> {
    const current = this.kek.currentVersion;
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT key_id, subject_id, kek_version, wrapped_key FROM ${this.s}.data_keys WHERE kek_version <> $1`,
      [current],
    );
    let rewrapped = 0;
    for (const row of rows) {
      const context = wrapContext(row.key_id, row.subject_id);
      const { version, wrapped } = await this.kek.wrap(await this.unwrap(row), context);
      const updated = await this.pool.query(
        `UPDATE ${this.s}.data_keys SET kek_version = $2, wrapped_key = $3 WHERE key_id = $1 AND kek_version = $4`,
        [row.key_id, version, wrapped, row.kek_version],
      );
      rewrapped += updated.rowCount ?? 0;
    }
    const left = await this.pool.query<{ count: string }>(`SELECT count(*) AS count FROM ${this.s}.data_keys WHERE kek_version <> $1`, [current]);
    return { rewrapped, remainingOnOldVersions: Number(left.rows[0]?.count ?? 0) };
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }

  private unwrap(row: KeyRow): Promise<Buffer> {
    return this.kek.unwrap(row.kek_version, row.wrapped_key, wrapContext(row.key_id, row.subject_id));
  }
}

interface KeyRow {
  key_id: string;
  subject_id: string;
  kek_version: number;
  wrapped_key: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A wrapped key opens only in its own row (its key id and subject id are the associated data). */
const wrapContext = (keyId: string, subjectId: string): string => `stepwell-data-key\u0000${keyId.toLowerCase()}\u0000${subjectId}`;
