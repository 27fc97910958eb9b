import { Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles, TRANSPARENCY_LOG_POLICY } from '@stepwell/access';
import { type Page, pageEnvelope, PageQuery } from '@stepwell/http';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import type { PublicKeyRecord, SignedTreeHead } from '../heads/tree-head';
import { TreeHeads } from '../heads/tree-heads.service';
import { TransparencyTree, TreeRangeError } from '../log/transparency-tree';
import { HeadWitness, type WitnessAlert, type WitnessedHead } from '../witness/head-witness';

const MAX_SIZE = Number.MAX_SAFE_INTEGER;

export class InclusionProofQuery {
  @ApiProperty({ format: 'uuid', description: 'The event id' })
  @IsUUID(undefined, { message: 'event must be an event id (a UUID)' })
  event!: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Size of the tree (a signed head) to prove against; default: the latest head' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'treeSize must be an integer' })
  @Min(1, { message: 'treeSize must be at least 1' })
  @Max(MAX_SIZE)
  treeSize?: number;
}

export class ConsistencyProofQuery {
  @ApiProperty({ minimum: 1, description: 'The older tree size' })
  @Type(() => Number)
  @IsInt({ message: 'from must be an integer' })
  @Min(1, { message: 'from must be at least 1' })
  @Max(MAX_SIZE)
  from!: number;

  @ApiProperty({ minimum: 1, description: 'The newer tree size (at least from)' })
  @Type(() => Number)
  @IsInt({ message: 'to must be an integer' })
  @Min(1, { message: 'to must be at least 1' })
  @Max(MAX_SIZE)
  to!: number;
}

export class WitnessedQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the heads of this log (a service name)' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,62}$/, { message: 'log must be a service name' })
  log?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Only the head of this size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'treeSize must be an integer' })
  @Min(1, { message: 'treeSize must be at least 1' })
  @Max(MAX_SIZE)
  treeSize?: number;
}

const hex = (hashes: readonly Buffer[]) => hashes.map((hash) => hash.toString('hex'));
const roles = TRANSPARENCY_LOG_POLICY.roles;

/**
 * The service's transparency log for auditors (docs/audit.md): signed tree heads, inclusion proofs for an event,
 * consistency proofs between two sizes, the public keys. Hashes, positions and sizes only: no event content, so no
 * patient's record is read here.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit/log')
export class TransparencyLogController {
  constructor(
    @Inject(TreeHeads) private readonly heads: TreeHeads,
    @Inject(TransparencyTree) private readonly tree: TransparencyTree,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HeadWitness) private readonly witness: HeadWitness,
  ) {}

  /** Signed tree heads, newest first. */
  @Get('tree-heads')
  @Roles(...roles)
  async treeHeads(@Query() query: PageQuery): Promise<Page<SignedTreeHead>> {
    const { items, total } = await this.heads.list((query.page - 1) * query.pageSize, query.pageSize);
    return pageEnvelope(items, query, total);
  }

  /** Signs the tree as it stands now (also done every minute while events are written). */
  @Post('tree-heads')
  @HttpCode(201)
  @Roles(...roles)
  issue(): Promise<SignedTreeHead> {
    return this.heads.issue();
  }

  @Get('proofs/inclusion')
  @Roles(...roles)
  async inclusion(@Query() query: InclusionProofQuery) {
    const run = this.query;
    const leaf = await this.tree.leafOfEvent(run, query.event);
    const treeSize = query.treeSize ?? (await this.heads.latest())?.treeSize;
    if (treeSize === undefined) throw new TreeRangeError('no tree head is signed yet: issue one (POST /audit/log/tree-heads) or name a treeSize');
    const proof = await this.tree.inclusionProof(run, leaf.leafIndex, treeSize);
    return { event: leaf.eventId, globalPosition: leaf.position, leafIndex: leaf.leafIndex, leafHash: leaf.leafHash.toString('hex'), treeSize, proof: hex(proof) };
  }

  @Get('proofs/consistency')
  @Roles(...roles)
  async consistency(@Query() query: ConsistencyProofQuery) {
    const proof = await this.tree.consistencyProof(this.query, query.from, query.to);
    return { from: query.from, to: query.to, proof: hex(proof) };
  }

  /** Every key that signed a head of this log (old ones stay, for old heads), and which one signs now. */
  @Get('keys')
  @Roles(...roles)
  async keys(): Promise<{ keys: Array<PublicKeyRecord & { current: boolean; firstUsedAt: string | null }> }> {
    return { keys: await this.heads.keys() };
  }

  /**
   * This service as a witness of the other services' logs (issue 19 point 2): the heads it countersigned (a page, by log
   * and size; each with its countersignature, verifiable with `witnessKeys`) and every alert it raised (a split view,
   * an inconsistent or rolled-back head, a bad signature, a changed key). Hashes, sizes and keys only.
   */
  @Get('witnessed')
  @Roles(...roles)
  async witnessed(
    @Query() query: WitnessedQuery,
  ): Promise<Page<WitnessedHead> & { witness: string; witnessKeys: PublicKeyRecord[]; alerts: WitnessAlert[] }> {
    const { items, total } = await this.witness.page({ log: query.log, treeSize: query.treeSize }, (query.page - 1) * query.pageSize, query.pageSize);
    const keys = (await this.heads.keys()).map(({ keyId, algorithm, publicKey }) => ({ keyId, algorithm, publicKey }));
    return { ...pageEnvelope(items, query, total), witness: this.heads.service, witnessKeys: keys, alerts: await this.witness.allAlerts(query.log) };
  }

  private get query() {
    return (sql: string, parameters?: unknown[]) => this.dataSource.query(sql, parameters) as Promise<unknown>;
  }
}
