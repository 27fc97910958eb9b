import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { readJsonLines } from '../heads/heads-file';
import type { PublicKeyRecord, SignedTreeHead } from '../heads/tree-head';
import { TransparencyTree } from '../log/transparency-tree';
import { exportLogReport } from '../verify/export-report';
import type { TransparencyReport } from '../verify/report';
import { verifyReport } from '../verify/verify-report';
import { caseHistoryHtml, gatherCaseHistory, parseServices } from './case-history';

export interface AuditIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = [
  'usage: npm run audit -- verify <report.json> --heads <tree-heads.jsonl> [--keys <keys.json|keys.jsonl>]',
  '  Re-checks a transparency report offline: head signatures, split views, each event against the signed heads.',
  '  Keys: --keys (GET /audit/log/keys saved as JSON, or a <service>.keys.jsonl), else the <service>.keys.jsonl beside the heads.',
  '       npm run audit -- export --service <name> --heads <tree-heads.jsonl> --out <report.json> [--database-url <url>]',
  '  Writes the whole log up to the last head of the heads file, as the database holds it now, with proofs (DATABASE_URL by default).',
  '       npm run audit -- case-history --patient <id> --services <name=url,...> [--as-of <instant>] [--heads-dir <dir>] [--json <file>] [--out <report.html>] [--require-witness]',
  '  One patient across the services as recorded at the instant (default now), every event proven against its service\'s',
  '  signed heads (from --heads-dir, the auditor\'s copy of AUDIT_HEADS_DIR, else as the services publish them). Token: AUDIT_TOKEN.',
];

/** Options without a value. */
const SWITCHES = ['--require-witness'];
const FLAGS = ['--heads', '--keys', '--service', '--out', '--database-url', '--patient', '--services', '--as-of', '--heads-dir', '--json'];

/** Exit codes: 0 verified (or exported), 1 something did not verify, 64 usage, 66 an input cannot be read. */
export async function runAudit(
  argv: readonly string[],
  io: AuditIo,
  env: Readonly<Record<string, string | undefined>> = process.env,
  fetcher: typeof fetch = fetch,
): Promise<number> {
  if (argv[0] === 'case-history') return runCaseHistory(argv.slice(1), io, env, fetcher);
  if (argv[0] !== 'export') return runAuditCommand(argv, io);
  const parsed = parseArguments(argv.slice(1), io);
  if (typeof parsed === 'number') return parsed;
  const [service, headsPath, out] = [parsed.flags.get('--service'), parsed.flags.get('--heads'), parsed.flags.get('--out')];
  const databaseUrl = parsed.flags.get('--database-url') ?? env['DATABASE_URL'];
  if (!service || !/^[a-z][a-z0-9_]{0,62}$/.test(service) || !headsPath || !out || !databaseUrl || parsed.positional.length > 0) {
    for (const line of USAGE) io.err(line);
    return 64;
  }
  const head = readJsonLines<SignedTreeHead>(headsPath).filter((line) => line.log === service).at(-1);
  if (!head) {
    io.err(`no head of log "${service}" in ${path.basename(headsPath)}`);
    return 66;
  }
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const query = async (sql: string, parameters?: unknown[]) => (await pool.query(sql, parameters)).rows as unknown;
    io.out(`exporting log "${service}" up to the head of size ${head.treeSize} (signed ${head.timestamp})`);
    const report = await exportLogReport({ query, eventStoreSchema: `${service}_events`, tree: new TransparencyTree(service), head });
    writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`);
    io.out(`wrote ${report.events.length} events to ${out}; check it with: npm run audit -- verify ${out} --heads ${headsPath}`);
    return 0;
  } catch (error) {
    io.err(`export failed: ${error instanceof Error ? error.name : 'error'}${typeof (error as { code?: unknown }).code === 'string' ? ` (${(error as { code: string }).code})` : ''}`);
    return 1;
  } finally {
    await pool.end();
  }
}

function parseArguments(rest: readonly string[], io: AuditIo): { positional: string[]; flags: Map<string, string> } | number {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (SWITCHES.includes(arg)) flags.set(arg, 'true');
    else if (FLAGS.includes(arg)) {
      const value = rest[i + 1];
      if (!value) {
        io.err(`${arg} needs a value`);
        return 64;
      }
      flags.set(arg, value);
      i++;
    } else if (arg.startsWith('--')) {
      io.err(`unknown option ${arg}`);
      return 64;
    } else positional.push(arg);
  }
  return { positional, flags };
}

/** `verify`, synchronous: files in, a verdict out. */
export function runAuditCommand(argv: readonly string[], io: AuditIo): number {
  const [command, ...rest] = argv;
  if (command !== 'verify') {
    for (const line of USAGE) io.err(line);
    return 64;
  }
  const parsed = parseArguments(rest, io);
  if (typeof parsed === 'number') return parsed;
  const { positional, flags } = parsed;
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

/**
 * `case-history`: exit 0 when every service answered and every entry verified (and, with `--require-witness`, every
 * head was countersigned by another service asked and no witness alerted on its log), 1 otherwise, 64 usage.
 */
async function runCaseHistory(rest: readonly string[], io: AuditIo, env: Readonly<Record<string, string | undefined>>, fetcher: typeof fetch): Promise<number> {
  const parsed = parseArguments(rest, io);
  if (typeof parsed === 'number') return parsed;
  const patient = parsed.flags.get('--patient');
  const services = parseServices(parsed.flags.get('--services') ?? '');
  const asOfFlag = parsed.flags.get('--as-of');
  const asOf = asOfFlag === undefined ? new Date() : new Date(asOfFlag);
  const token = env['AUDIT_TOKEN'];
  if (!patient || !services || Number.isNaN(asOf.getTime()) || parsed.positional.length > 0) {
    for (const line of USAGE) io.err(line);
    return 64;
  }
  if (!token) {
    io.err('AUDIT_TOKEN must hold an auditor’s bearer token (auditor of an organisation in the person’s care, or national-auditor)');
    return 64;
  }
  const headsDir = parsed.flags.get('--heads-dir');
  const document = await gatherCaseHistory({
    patientSubjectId: patient,
    asOf: asOf.toISOString(),
    services,
    token,
    ...(headsDir ? { headsDir } : {}),
    progress: (line) => io.out(line),
    fetch: fetcher,
    requireWitness: parsed.flags.has('--require-witness'),
  });
  const json = parsed.flags.get('--json');
  if (json) writeFileSync(json, `${JSON.stringify(document, null, 1)}\n`);
  const out = parsed.flags.get('--out');
  if (out) writeFileSync(out, caseHistoryHtml(document));
  const verified = document.entries.filter((entry) => entry.verified).length;
  if (!document.verified) {
    for (const service of document.services.filter((s) => !s.verified)) io.err(`FAILED: ${service.service}: ${service.problem}`);
    io.err(`NOT VERIFIED: ${verified} of ${document.entries.length} entries verified`);
    return 1;
  }
  const unwitnessed = document.services.filter((s) => s.witnessedBy.length === 0 || s.witnessProblems.length > 0);
  for (const service of unwitnessed) {
    io.out(
      `WARNING: ${service.service}: head of size ${service.treeSize} ${service.witnessedBy.length === 0 ? 'not witnessed (no other service countersigned it)' : `countersigned by ${service.witnessedBy.join(', ')}`}${service.witnessProblems.length > 0 ? `; ${service.witnessProblems.join('; ')}` : ''} (--require-witness makes this a failure)`,
    );
  }
  io.out(`OK: ${document.entries.length} entries from ${document.services.length} services, every one proven against its service's signed head${json ? `; JSON in ${json}` : ''}${out ? `; report in ${out}` : ''}`);
  return 0;
}
