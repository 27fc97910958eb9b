import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { PublicKeyRecord, SignedTreeHead } from './tree-head';

/**
 * The copy of the signed heads outside the database: `<AUDIT_HEADS_DIR>/<service>.tree-heads.jsonl`, one head per
 * line, and `<service>.keys.jsonl`, each public key the first time it signs. Lines are only ever appended (the file
 * is opened for appending, each line written whole and flushed to disk), never rewritten; pointing the folder at
 * append-only or object-lock storage is what makes them write-once against the host's own operator (docs/audit.md).
 */
export class HeadsFile {
  readonly headsPath: string;
  readonly keysPath: string;
  private readonly keysWritten = new Set<string>();

  constructor(directory: string, service: string) {
    mkdirSync(directory, { recursive: true });
    this.headsPath = path.join(directory, `${service}.tree-heads.jsonl`);
    this.keysPath = path.join(directory, `${service}.keys.jsonl`);
    for (const key of readJsonLines<PublicKeyRecord>(this.keysPath)) this.keysWritten.add(key.keyId);
  }

  append(head: SignedTreeHead, key: PublicKeyRecord): void {
    if (!this.keysWritten.has(key.keyId)) {
      appendLine(this.keysPath, JSON.stringify(key));
      this.keysWritten.add(key.keyId);
    }
    appendLine(this.headsPath, JSON.stringify(head));
  }
}

function appendLine(file: string, line: string): void {
  const fd = openSync(file, 'a', 0o640);
  try {
    writeSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The parsed lines of a JSONL file (none if it does not exist); a malformed line throws naming its number. */
export function readJsonLines<T>(file: string): T[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as T;
      } catch {
        throw new Error(`${path.basename(file)} line ${number} is not JSON`);
      }
    });
}
