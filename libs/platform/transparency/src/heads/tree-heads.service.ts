import type { DataSource } from 'typeorm';
import type { TransparencyTree } from '../log/transparency-tree';
import type { HeadsFile } from './heads-file';
import { type PublicKeyRecord, type SignedTreeHead, type TreeHeadSigner } from './tree-head';
import { qualifiedTable, readModelSchema } from '@stepwell/read-models';
import type { HeadAnnouncement } from '../witness/witness';

export interface TreeHeadsOptions {
  /** The service: the `log` of its heads. */
  service: string;
  dataSource: DataSource;
  tree: TransparencyTree;
  signer: TreeHeadSigner;
  /** Where heads leave the database (AUDIT_HEADS_DIR); none: the database only. */
  headsFile?: HeadsFile;
  now?: () => Date;
}

interface HeadRow {
  tree_size: string;
  root_hash: string;
  issued_at: Date;
  key_id: string;
  signature: string;
}

/**
 * Issues and lists the service's signed tree heads. `issue()` signs the tree as it stands, records the head and its
 * key in the database and appends both to the heads file; `issueIfGrown()` does so only when the tree grew since the
 * last head (the minute timer).
 */
export class TreeHeads {
  private readonly table: (name: string) => string;
  private readonly now: () => Date;
  private issuing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: TreeHeadsOptions) {
    const schema = readModelSchema(options.dataSource);
    this.table = (name) => qualifiedTable(schema, name);
    this.now = options.now ?? (() => new Date());
  }

  /** The service whose heads these are. */
  get service(): string {
    return this.options.service;
  }

  /** Called after each head is recorded (the head publisher: heads leave as integration events). */
  onIssued(listener: (head: SignedTreeHead) => void): void {
    this.listeners.push(listener);
  }

  private readonly listeners: Array<(head: SignedTreeHead) => void> = [];

  get publicKey(): PublicKeyRecord {
    return this.options.signer.publicKey;
  }

  /** One head at a time in this process, so that heads in the file follow each other in time. */
  issue(): Promise<SignedTreeHead> {
    const next = this.issuing.then(() => this.issueNow());
    this.issuing = next.catch(() => undefined);
    return next;
  }

  async issueIfGrown(): Promise<SignedTreeHead | null> {
    const query = this.query;
    const size = await this.options.tree.size(query);
    const latest = await this.latest();
    if (size === 0 || (latest && latest.treeSize >= size)) return null;
    return this.issue();
  }

  async latest(): Promise<SignedTreeHead | null> {
    const rows = (await this.query(`SELECT tree_size, root_hash, issued_at, key_id, signature FROM ${this.table('transparency_tree_heads')} ORDER BY id DESC LIMIT 1`)) as HeadRow[];
    return rows[0] ? this.headOf(rows[0]) : null;
  }

  /**
   * The earliest signed head whose tree holds at least `size` leaves: the same answer for the same events however many
   * heads were signed since (so a case history as of a past instant is the same document twice), or null.
   */
  async firstCovering(size: number): Promise<SignedTreeHead | null> {
    const rows = (await this.query(
      `SELECT tree_size, root_hash, issued_at, key_id, signature FROM ${this.table('transparency_tree_heads')} WHERE tree_size >= $1 ORDER BY id LIMIT 1`,
      [size],
    )) as HeadRow[];
    return rows[0] ? this.headOf(rows[0]) : null;
  }

  /**
   * What the service announces for `head` (issue 19 point 2): the head, its key, and the consistency proof from the
   * largest head signed before it (none: size 0, no proof), for witnesses to check against the last head they hold.
   */
  async announcement(head: SignedTreeHead): Promise<HeadAnnouncement> {
    const query = this.query;
    const [previous] = (await query(
      `SELECT tree_size FROM ${this.table('transparency_tree_heads')} WHERE tree_size < $1 ORDER BY tree_size DESC LIMIT 1`,
      [head.treeSize],
    )) as { tree_size: string }[];
    const fromSize = previous ? Number(previous.tree_size) : 0;
    const proof = fromSize === 0 ? [] : await this.options.tree.consistencyProof(query, fromSize, head.treeSize);
    const [key] = (await query(`SELECT public_key FROM ${this.table('transparency_keys')} WHERE key_id = $1`, [head.keyId])) as { public_key: string }[];
    const publicKey = key ? { keyId: head.keyId, algorithm: 'Ed25519' as const, publicKey: key.public_key } : this.options.signer.publicKey;
    return { head, publicKey, fromSize, consistencyProof: proof.map((hash) => hash.toString('hex')) };
  }

  /** Heads, newest first. */
  async list(offset: number, limit: number): Promise<{ items: SignedTreeHead[]; total: number }> {
    const rows = (await this.query(
      `SELECT tree_size, root_hash, issued_at, key_id, signature FROM ${this.table('transparency_tree_heads')} ORDER BY id DESC OFFSET $1 LIMIT $2`,
      [offset, limit],
    )) as HeadRow[];
    const [count] = (await this.query(`SELECT count(*)::int AS total FROM ${this.table('transparency_tree_heads')}`)) as { total: number }[];
    return { items: rows.map((row) => this.headOf(row)), total: count?.total ?? 0 };
  }

  /** Every key that signed a head here, and the current one. */
  async keys(): Promise<Array<PublicKeyRecord & { current: boolean; firstUsedAt: string | null }>> {
    const rows = (await this.query(`SELECT key_id, public_key, first_used_at FROM ${this.table('transparency_keys')} ORDER BY first_used_at`)) as {
      key_id: string;
      public_key: string;
      first_used_at: Date;
    }[];
    const current = this.options.signer.publicKey;
    const keys: Array<PublicKeyRecord & { current: boolean; firstUsedAt: string | null }> = rows.map((row) => ({
      keyId: row.key_id,
      algorithm: 'Ed25519' as const,
      publicKey: row.public_key,
      current: row.key_id === current.keyId,
      firstUsedAt: row.first_used_at.toISOString(),
    }));
    if (!keys.some((key) => key.current)) keys.push({ ...current, current: true, firstUsedAt: null });
    return keys;
  }

  private async issueNow(): Promise<SignedTreeHead> {
    const { tree, signer, dataSource } = this.options;
    const head = await dataSource.transaction('REPEATABLE READ', async (tx) => {
      const query = (sql: string, parameters?: unknown[]) => tx.query(sql, parameters) as Promise<unknown>;
      const size = await tree.size(query);
      const root = await tree.root(query, size);
      return signer.sign({
        version: 1,
        log: this.options.service,
        treeSize: size,
        rootHash: root.toString('hex'),
        timestamp: this.now().toISOString(),
        keyId: signer.keyId,
      });
    });
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${this.table('transparency_keys')} (key_id, public_key, first_used_at) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO NOTHING`,
        [signer.keyId, signer.publicKey.publicKey, head.timestamp],
      );
      await tx.query(
        `INSERT INTO ${this.table('transparency_tree_heads')} (tree_size, root_hash, issued_at, key_id, signature) VALUES ($1, $2, $3, $4, $5)`,
        [head.treeSize, head.rootHash, head.timestamp, head.keyId, head.signature],
      );
    });
    // Outside the database: after the row, so a head in the file is always one the service recorded.
    this.options.headsFile?.append(head, signer.publicKey);
    for (const listener of this.listeners) listener(head);
    return head;
  }

  private get query() {
    return (sql: string, parameters?: unknown[]) => this.options.dataSource.query(sql, parameters) as Promise<unknown>;
  }

  private headOf(row: HeadRow): SignedTreeHead {
    return {
      version: 1,
      log: this.options.service,
      treeSize: Number(row.tree_size),
      rootHash: row.root_hash,
      timestamp: new Date(row.issued_at).toISOString(),
      keyId: row.key_id,
      signature: row.signature,
    };
  }
}
