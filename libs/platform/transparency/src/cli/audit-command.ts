import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readJsonLines } from '../heads/heads-file';
import type { PublicKeyRecord, SignedTreeHead } from '../heads/tree-head';
import type { TransparencyReport } from '../verify/report';
import { verifyReport } from '../verify/verify-report';

export interface AuditIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  'usage: npm run audit -- verify <report.json> --heads <tree-heads.jsonl> [--keys <keys.json|keys.jsonl>]',
  '  Re-checks a transparency report offline: head signatures, split views, each event against the signed heads.',
  '  Keys: --keys (GET /audit/log/keys saved as JSON, or a <service>.keys.jsonl), else the <service>.keys.jsonl beside the heads.',
];

/** Exit codes: 0 verified, 1 something did not verify, 64 usage, 66 an input file cannot be read. */
export function runAuditCommand(argv: readonly string[], io: AuditIo): number {
  const [command, ...rest] = argv;
  if (command !== 'verify') {
    for (const line of USAGE) io.err(line);
    return 64;
  }
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--heads' || arg === '--keys') {
      const value = rest[i + 1];
      if (!value) {
        io.err(`${arg} needs a file`);
        return 64;
      }
      flags.set(arg, value);
      i++;
    } else if (arg.startsWith('--')) {
      io.err(`unknown option ${arg}`);
      return 64;
    } else positional.push(arg);
  }
  const reportPath = positional[0];
  const headsPath = flags.get('--heads');
  if (!reportPath || !headsPath || positional.length > 1) {
    for (const line of USAGE) io.err(line);
    return 64;
  }
  let report: TransparencyReport;
  let heads: SignedTreeHead[];
  let keys: PublicKeyRecord[];
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as TransparencyReport;
    heads = readJsonLines<SignedTreeHead>(headsPath);
    keys = readKeys(flags.get('--keys') ?? path.join(path.dirname(headsPath), `${report.log}.keys.jsonl`));
  } catch (error) {
    io.err(`cannot read the inputs: ${error instanceof Error ? error.message : String(error)}`);
    return 66;
  }
  io.out(`verifying ${path.basename(reportPath)}: log "${report.log}", ${report.scope === 'log' ? 'whole log' : 'selected events'}, ${report.events.length} events, head of size ${report.treeHead?.treeSize}`);
  const outcome = verifyReport({ report, heads, keys, progress: (line) => io.out(`  ${line}`) });
  for (const problem of outcome.headProblems) io.err(`FAILED: ${problem}`);
  if (outcome.firstBad) {
    const { leafIndex, position, reason } = outcome.firstBad;
    io.err(`FAILED: first bad position: leaf ${leafIndex}${position === null ? '' : ` (global position ${position})`}: ${reason}`);
  }
  if (!outcome.ok) return 1;
  io.out(`OK: ${outcome.eventsChecked} events proven against the signed head of size ${report.treeHead.treeSize} (root ${report.treeHead.rootHash.slice(0, 16)}…)`);
  return 0;
}

function readKeys(file: string): PublicKeyRecord[] {
  const text = readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not one JSON document: a keys.jsonl, one key a line.
    return readJsonLines<PublicKeyRecord>(file);
  }
  if (Array.isArray(parsed)) return parsed as PublicKeyRecord[];
  const document = parsed as { keys?: PublicKeyRecord[] };
  return document.keys ?? [parsed as PublicKeyRecord];
}
