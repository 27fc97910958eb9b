import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { defineContract, type IntegrationContract } from '../../contract';
import { IsInstant } from '../identifiers';

/**
 * A service signed a head of its transparency log (issue 19 point 2; docs/audit.md): the head, the public key that
 * signed it, and the RFC 9162 consistency proof from its previous head, so that other services (witnesses) and
 * partners keep copies and check that no published head is replaced. Hashes, sizes and keys only: no event content.
 * One definition for every producer: `<producer>.tree-head-signed`, travelling on the producer's own topic.
 */
export interface TreeHeadSignedV1 {
  /** The producing service's log (equal to the producer). */
  log: string;
  treeSize: number;
  /** Hex SHA-256. */
  rootHash: string;
  timestamp: string;
  keyId: string;
  /** Ed25519, base64. */
  signature: string;
  /** SPKI PEM of the key `keyId` names. */
  publicKey: string;
  /** The size of the producer's previous head; 0 for its first. */
  fromSize: number;
  /** Hex hashes: the consistency proof from `fromSize` to `treeSize` (empty when `fromSize` is 0). */
  consistencyProof: string[];
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const PEM_PUBLIC_KEY = /^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\r?\n?$/;

/** The services whose logs are announced (each its own producer). */
export const TRANSPARENCY_LOGS = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'] as const;

export class TreeHeadSignedV1Payload implements TreeHeadSignedV1 {
  @IsIn(TRANSPARENCY_LOGS) log!: string;
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) treeSize!: number;
  @IsString() @Matches(HEX_HASH) rootHash!: string;
  @IsInstant() timestamp!: string;
  @IsString() @Matches(KEY_ID) keyId!: string;
  @IsString() @MaxLength(200) @Matches(BASE64) signature!: string;
  @IsString() @MaxLength(400) @Matches(PEM_PUBLIC_KEY) publicKey!: string;
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) fromSize!: number;
  @IsArray() @ArrayMaxSize(128) @IsString({ each: true }) @Matches(HEX_HASH, { each: true }) consistencyProof!: string[];
}

/** The contract for one producer: the same payload and description for all five. */
export function treeHeadSignedV1Contract(producer: (typeof TRANSPARENCY_LOGS)[number]): IntegrationContract<TreeHeadSignedV1> {
  return defineContract<TreeHeadSignedV1>({
    type: `${producer}.tree-head-signed`,
    version: 1,
    producer,
    payload: TreeHeadSignedV1Payload,
    description: 'The service signed a head of its transparency log; the head, its public key and the consistency proof from its previous head.',
  });
}
