import type { RecordedEvent } from '@stepwell/event-store';
import type { Projection } from '@stepwell/read-models';
import type { DataSource, EntityManager } from 'typeorm';
import { consistencyProof, type Hash, hashChildren, inclusionProof, type NodeSource, plannedNodes, rootHash } from '../merkle/merkle';
import { leafHashOf } from './leaf';
import { readModelSchema } from '@stepwell/read-models';

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/** The leaf of one event, where the log has it. */
export interface LeafRecord {
  leafIndex: number;
  position: number;
  eventId: string;
  leafHash: Hash;
}

/** Thrown for a proof or root the tree cannot give: a size beyond the tree, an event not (yet) in it. */
export class TreeRangeError extends Error {
  readonly code = 'VALIDATION_FAILED' as const;

  constructor(message: string) {
    super(message);
    this.name = 'TreeRangeError';
  }
}

export class EventNotInLogError extends Error {
  readonly code = 'NOT_FOUND' as const;

  constructor() {
    super('No event with that id is in the transparency log (yet)');
    this.name = 'EventNotInLogError';
  }
}

/**
 * The service's Merkle tree in its read-model schema: leaves in log order and the complete nodes above them.
 * Appending leaf i writes the leaf and every node it completes (one per trailing 1-bit of i + 1), so a root or a proof
 * for any size reads O(log n) rows.
 */
export class TransparencyTree {
  private readonly table: (name: string) => string;

  constructor(schema: string) {
    this.table = (name) => `"${schema}"."${name}"`;
  }

  static of(dataSource: DataSource): TransparencyTree {
    return new TransparencyTree(readModelSchema(dataSource));
  }

  /**
   * The right edge of the tree per transaction (a page of the projection runner, or a rebuild): the last complete node
   * at each level whose bit is set in the size — exactly the left siblings the next leaves will need. Read once per
   * transaction, then kept in memory, so an append costs its inserts only.
   */
  private readonly frontiers = new WeakMap<EntityManager, { size: number; frontier: Map<number, Hash> }>();

  /**
   * Appends each event's leaf and the nodes it completes, in log order (the runner's checkpoint guarantees the order
   * and that no event comes twice; the unique event id refuses a second leaf for one event). The page's leaves and
   * nodes are computed in memory and written with one statement per table.
   */
  async append(tx: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const query: Query = (sql, parameters) => tx.query(sql, parameters);
    let edge = this.frontiers.get(tx);
    if (!edge) {
      const size = await this.size(query);
      edge = { size, frontier: await this.loadFrontier(query, size) };
      this.frontiers.set(tx, edge);
    }
    const leaves = { index: [] as number[], position: [] as number[], id: [] as string[], hash: [] as Hash[] };
    const nodes = { level: [] as number[], index: [] as number[], hash: [] as Hash[] };
    for (const event of events) {
      const index = edge.size;
      const leaf = leafHashOf({ position: event.globalPosition, stream: event.streamId, revision: event.revision, type: event.type, id: event.id, hash: event.hash });
      leaves.index.push(index);
      leaves.position.push(event.globalPosition);
      leaves.id.push(event.id);
      leaves.hash.push(leaf);
      // Binary increment: each trailing 1-bit of the index completes a node with the frontier's node at that level.
      let hash = leaf;
      let level = 0;
      let nodeIndex = index;
      while (nodeIndex % 2 === 1) {
        const left = edge.frontier.get(level);
        if (!left) throw new Error(`the transparency tree lacks node ${level}:${nodeIndex - 1}`);
        edge.frontier.delete(level);
        hash = hashChildren(left, hash);
        level += 1;
        nodeIndex = (nodeIndex - 1) / 2;
        nodes.level.push(level);
        nodes.index.push(nodeIndex);
        nodes.hash.push(hash);
      }
      edge.frontier.set(level, hash);
      edge.size = index + 1;
    }
    await query(
      `INSERT INTO ${this.table('transparency_leaves')} (leaf_index, global_position, event_id, leaf_hash)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::bytea[])`,
      [leaves.index, leaves.position, leaves.id, leaves.hash],
    );
    if (nodes.level.length > 0) {
      await query(
        `INSERT INTO ${this.table('transparency_nodes')} (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
        [nodes.level, nodes.index, nodes.hash],
      );
    }
  }

  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM ${this.table('transparency_nodes')}`);
    await tx.query(`DELETE FROM ${this.table('transparency_leaves')}`);
    this.frontiers.set(tx, { size: 0, frontier: new Map() });
  }

  /** For each set bit l of `size`, the complete node of level l that ends at the tree's right edge. */
  private async loadFrontier(query: Query, size: number): Promise<Map<number, Hash>> {
    const wanted: Array<{ level: number; index: number }> = [];
    for (let level = 0; 2 ** level <= size; level++) {
      const count = Math.floor(size / 2 ** level);
      if (count % 2 === 1) wanted.push({ level, index: count - 1 });
    }
    const fetched = await this.fetchNodes(query, wanted);
    const frontier = new Map<number, Hash>();
    for (const { level, index } of wanted) {
      const hash = fetched.get(`${level}:${index}`);
      if (!hash) throw new Error(`the transparency tree lacks node ${level}:${index}`);
      frontier.set(level, hash);
    }
    return frontier;
  }

  /** How many leaves the tree has. */
  async size(query: Query): Promise<number> {
    const [row] = (await query(`SELECT COALESCE(max(leaf_index) + 1, 0)::bigint AS size FROM ${this.table('transparency_leaves')}`)) as { size: string }[];
    return Number(row?.size ?? 0);
  }

  async leafOfEvent(query: Query, eventId: string): Promise<LeafRecord> {
    const rows = (await query(
      `SELECT leaf_index, global_position, event_id, leaf_hash FROM ${this.table('transparency_leaves')} WHERE event_id = $1`,
      [eventId],
    )) as { leaf_index: string; global_position: string; event_id: string; leaf_hash: Buffer }[];
    const row = rows[0];
    if (!row) throw new EventNotInLogError();
    return { leafIndex: Number(row.leaf_index), position: Number(row.global_position), eventId: row.event_id, leafHash: row.leaf_hash };
  }

  /** The leaves of the events the tree holds, by event id, in one query; an event not (yet) in the tree is absent. */
  async leavesOfEvents(query: Query, eventIds: readonly string[]): Promise<Map<string, LeafRecord>> {
    const leaves = new Map<string, LeafRecord>();
    if (eventIds.length === 0) return leaves;
    const rows = (await query(
      `SELECT leaf_index, global_position, event_id, leaf_hash FROM ${this.table('transparency_leaves')} WHERE event_id = ANY($1::uuid[])`,
      [eventIds],
    )) as { leaf_index: string; global_position: string; event_id: string; leaf_hash: Buffer }[];
    for (const row of rows) {
      leaves.set(row.event_id, { leafIndex: Number(row.leaf_index), position: Number(row.global_position), eventId: row.event_id, leafHash: row.leaf_hash });
    }
    return leaves;
  }

  async root(query: Query, size: number): Promise<Hash> {
    await this.checkSize(query, size);
    return this.compute(query, (nodes) => rootHash(nodes, size));
  }

  async inclusionProof(query: Query, leafIndex: number, treeSize: number): Promise<Hash[]> {
    await this.checkSize(query, treeSize);
    if (leafIndex >= treeSize) throw new TreeRangeError(`the event is leaf ${leafIndex}, not in a tree of ${treeSize}: ask for a larger treeSize`);
    return this.compute(query, (nodes) => inclusionProof(nodes, leafIndex, treeSize));
  }

  /** Inclusion proofs of several leaves in one tree size, their nodes read once (shared nodes once) for all of them. */
  async inclusionProofs(query: Query, leafIndexes: readonly number[], treeSize: number): Promise<Hash[][]> {
    if (leafIndexes.length === 0) return [];
    await this.checkSize(query, treeSize);
    const beyond = leafIndexes.find((leafIndex) => leafIndex >= treeSize);
    if (beyond !== undefined) throw new TreeRangeError(`the event is leaf ${beyond}, not in a tree of ${treeSize}: ask for a larger treeSize`);
    return this.compute(query, (nodes) => leafIndexes.map((leafIndex) => inclusionProof(nodes, leafIndex, treeSize)));
  }

  async consistencyProof(query: Query, first: number, second: number): Promise<Hash[]> {
    if (first < 1 || first > second) throw new TreeRangeError('from must be at least 1 and at most to');
    await this.checkSize(query, second);
    return this.compute(query, (nodes) => consistencyProof(nodes, first, second));
  }

  private async checkSize(query: Query, size: number): Promise<void> {
    const current = await this.size(query);
    if (size > current) throw new TreeRangeError(`the tree has ${current} leaves, fewer than the ${size} asked for`);
  }

  /** Runs a tree computation twice: once to list the nodes it reads, then over those nodes fetched in one query. */
  private async compute<T>(query: Query, computation: (nodes: NodeSource) => T): Promise<T> {
    const fetched = await this.fetchNodes(query, plannedNodes(computation));
    return computation((level, index) => {
      const hash = fetched.get(`${level}:${index}`);
      if (!hash) throw new Error(`the transparency tree lacks node ${level}:${index}`);
      return hash;
    });
  }

  /** Leaves (level 0) and complete nodes, two queries at most, keyed `level:index`. */
  private async fetchNodes(query: Query, wanted: ReadonlyArray<{ level: number; index: number }>): Promise<Map<string, Hash>> {
    const fetched = new Map<string, Hash>();
    const leaves = wanted.filter((node) => node.level === 0).map((node) => node.index);
    const inner = wanted.filter((node) => node.level > 0);
    if (leaves.length > 0) {
      const rows = (await query(`SELECT leaf_index, leaf_hash FROM ${this.table('transparency_leaves')} WHERE leaf_index = ANY($1::bigint[])`, [
        leaves,
      ])) as { leaf_index: string; leaf_hash: Buffer }[];
      for (const row of rows) fetched.set(`0:${Number(row.leaf_index)}`, row.leaf_hash);
    }
    if (inner.length > 0) {
      const rows = (await query(
        `SELECT level, node_index, hash FROM ${this.table('transparency_nodes')}
          WHERE (level, node_index) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
        [inner.map((node) => node.level), inner.map((node) => node.index)],
      )) as { level: number; node_index: string; hash: Buffer }[];
      for (const row of rows) fetched.set(`${Number(row.level)}:${Number(row.node_index)}`, row.hash);
    }
    return fetched;
  }
}

/**
 * Keeps the tree as events commit: a projection over EVERY event of the global log (`handles: { all: true }`), so the
 * platform's projection runner feeds it in log order, a page at a time, never skipping a late commit, and moves its
 * checkpoint in the transaction that writes the leaves.
 */
export class TransparencyLogProjection implements Projection {
  readonly name = 'transparency.log';
  readonly version = 1;
  readonly handles = { all: true } as const;

  constructor(private readonly tree: TransparencyTree) {}

  apply(tx: EntityManager, event: RecordedEvent): Promise<void> {
    return this.tree.append(tx, [event]);
  }

  /** A page's leaves and nodes in two statements instead of one or more per event. */
  applyPage(tx: EntityManager, events: readonly RecordedEvent[]): Promise<void> {
    return this.tree.append(tx, events);
  }

  reset(tx: EntityManager): Promise<void> {
    return this.tree.reset(tx);
  }
}
