import { canonicalJson } from '@stepwell/event-store/canonical-json';

/**
 * The case history's proofs checked in the browser with WebCrypto (SHA-256, Ed25519), by the rules the services sign
 * and `npm run audit -- case-history` verifies with (libs/platform/transparency, docs/audit.md):
 * - an event's chain link: SHA-256 (hex) over its previous link and the canonical JSON of its STORED form
 *   `{data, id, metadata, revision, stream, type}` (the event store's `chainHash`);
 * - its leaf: RFC 9162 §2.1.1, SHA-256(0x00 ‖ canonical JSON of `{hash, id, position, revision, stream, type}`)
 *   (`leafHashOfContent`); a node: SHA-256(0x01 ‖ left ‖ right);
 * - its inclusion proof: RFC 9162 §2.1.3.2 (`verifyInclusion`), against the signed head's root;
 * - the head: Ed25519 over the canonical JSON of `{keyId, log, rootHash, timestamp, treeSize, version}`, by the key
 *   whose id (first 16 bytes of SHA-256 over its DER SPKI, hex) the head names (`verifyTreeHeadSignature`).
 * The canonical JSON is the event store's own function (one definition); the hashing is cross-checked against the
 * Node library by proofs.spec.ts, which verifies proofs the Node library produced and refuses tampered ones.
 */

export interface SignedTreeHead {
  version: 1;
  log: string;
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

export interface PublicKeyRecord {
  keyId: string;
  algorithm: string;
  /** SPKI PEM. */
  publicKey: string;
}

/** One event of a service's case-history report: stored form, previous link, leaf index and proof (hex). */
export interface ProvenEvent {
  position: number;
  stream: string;
  revision: number;
  type: string;
  id: string;
  data: unknown;
  metadata: unknown;
  previousHash: string;
  leafIndex: number;
  proof: string[];
}

export interface ProvenReport {
  log: string;
  treeHead: SignedTreeHead;
  events: ProvenEvent[];
}

export type Mark = { ok: true; treeSize: number; log: string; timestamp: string } | { ok: false; reason: string };

export interface ReportVerification {
  /** The head's own check: its signature by a key the service publishes. */
  head: Mark;
  /** By the event's global position in the service's log. */
  events: Map<number, Mark>;
}

const encoder = new TextEncoder();
const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', concat(bytes)));
}

export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((byte, i) => byte === b[i]);

export const hashLeaf = (input: Uint8Array): Promise<Uint8Array> => sha256(concat(new Uint8Array([0]), input));
export const hashChildren = (left: Uint8Array, right: Uint8Array): Promise<Uint8Array> => sha256(concat(new Uint8Array([1]), left, right));

/** The event's chain link, recomputed from its stored form and previous link (never read from the answer). */
export async function chainLinkOf(event: Pick<ProvenEvent, 'data' | 'id' | 'metadata' | 'revision' | 'stream' | 'type' | 'previousHash'>): Promise<string> {
  const body = canonicalJson({ data: event.data, id: event.id, metadata: event.metadata, revision: event.revision, stream: event.stream, type: event.type });
  return toHex(await sha256(encoder.encode(`${event.previousHash}${body}`)));
}

/** The leaf the event's stored content commits to. */
export async function leafHashOfContent(event: ProvenEvent): Promise<Uint8Array> {
  const hash = await chainLinkOf(event);
  return hashLeaf(encoder.encode(canonicalJson({ hash, id: event.id, position: event.position, revision: event.revision, stream: event.stream, type: event.type })));
}

/** RFC 9162 §2.1.3.2. */
export async function verifyInclusion(leafIndex: number, treeSize: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): Promise<boolean> {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await hashChildren(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

function pemToDer(pem: string): Uint8Array | null {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return fromBase64(body);
}

/** The head's signature by the key its id names, the id checked against the key itself. */
export async function verifyTreeHeadSignature(head: SignedTreeHead, keys: readonly PublicKeyRecord[]): Promise<boolean> {
  const record = keys.find((key) => key.keyId === head.keyId);
  const der = record ? pemToDer(record.publicKey) : null;
  const signature = fromBase64(head.signature);
  if (!der || !signature) return false;
  if (toHex((await sha256(der)).slice(0, 16)) !== head.keyId) return false;
  try {
    const key = await subtle().importKey('spki', concat(der), { name: 'Ed25519' }, false, ['verify']);
    const bytes = encoder.encode(canonicalJson({ keyId: head.keyId, log: head.log, rootHash: head.rootHash, timestamp: head.timestamp, treeSize: head.treeSize, version: head.version }));
    return await subtle().verify({ name: 'Ed25519' }, key, concat(signature), bytes);
  } catch {
    return false;
  }
}

/**
 * One service's report checked: the head's signature, then each event's leaf recomputed and its proof led to the
 * signed root. An event fails on its own (the others still verify); a head that does not verify fails them all.
 */
export async function verifyReport(report: ProvenReport, keys: readonly PublicKeyRecord[]): Promise<ReportVerification> {
  const events = new Map<number, Mark>();
  const head = report.treeHead;
  const root = fromHex(head.rootHash);
  const signed = head.log === report.log && root !== null && (await verifyTreeHeadSignature(head, keys));
  const headMark: Mark = signed
    ? { ok: true, treeSize: head.treeSize, log: head.log, timestamp: head.timestamp }
    : { ok: false, reason: `the tree head of size ${head.treeSize} has no valid signature by a key ${report.log} publishes` };
  for (const event of report.events) {
    if (!signed || !root) {
      events.set(event.position, { ok: false, reason: 'its tree head is not validly signed' });
      continue;
    }
    const proof = event.proof.map(fromHex);
    const ok = proof.every((p): p is Uint8Array => p !== null) && (await verifyInclusion(event.leafIndex, head.treeSize, await leafHashOfContent(event), proof as Uint8Array[], root));
    events.set(event.position, ok ? headMark : { ok: false, reason: 'its inclusion proof does not lead to the signed root (altered, or not in the log)' });
  }
  return { head: headMark, events };
}

/** The words of a mark, as the case history shows it. */
export function markText(mark: Mark | undefined): string {
  if (!mark) return 'Not checked';
  return mark.ok ? `Verified against head ${mark.treeSize} signed by ${mark.log} at ${new Date(mark.timestamp).toLocaleString('en-GB')}` : `NOT VERIFIED: ${mark.reason}`;
}
