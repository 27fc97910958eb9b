import { existsSync } from 'node:fs';
import path from 'node:path';
import { readJsonLines } from '../heads/heads-file';
import type { PublicKeyRecord, SignedTreeHead } from '../heads/tree-head';
import type { CaseHistoryPart } from '../http/case-history.controller';
import type { ReportEvent, TransparencyReport } from '../verify/report';
import { verifyReport } from '../verify/verify-report';
import type { WitnessAlert, WitnessedHead } from '../witness/head-witness';
import { crossCheckWitnesses } from '../witness/fork-locator';
import { verifyCountersignature } from '../witness/witness';

export const CASE_HISTORY_FORMAT = 'stepwell.case-history/1';

/** Where the heads a service's part is checked against came from. */
export type HeadsSource = 'heads-dir' | 'service';

/** One line of the merged timeline: what was recorded, by whom, and whether its proof led to a signed head. */
export interface CaseHistoryEntry {
  service: string;
  /** When it happened, as the event's own (hashed, so proven) metadata says. */
  occurredAt: string;
  type: string;
  stream: string;
  position: number;
  organisationId: string | null;
  role: string | null;
  verified: boolean;
}

export interface CaseHistoryServiceSummary {
  service: string;
  /** The signed head the service's events were proven against (null when the service did not answer). */
  treeSize: number | null;
  rootHash: string | null;
  events: number;
  verified: boolean;
  headsFrom: HeadsSource | null;
  /** What failed, in words (null when everything verified). */
  problem: string | null;
  /**
   * The other services (of those asked) that countersigned exactly this head, the countersignature verified with the
   * witness's published key; empty when none did: the head is then "not witnessed".
   */
  witnessedBy: string[];
  /** What the witnesses say against this log: their alerts on it, a root of that size other than this head's. */
  witnessProblems: string[];
}

export interface CaseHistoryDocument {
  format: typeof CASE_HISTORY_FORMAT;
  patientSubjectId: string;
  asOf: string;
  verified: boolean;
  services: CaseHistoryServiceSummary[];
  entries: CaseHistoryEntry[];
  /** Each service's report as answered: `npm run audit -- verify` re-checks any of them offline. */
  reports: Record<string, TransparencyReport>;
}

export interface CaseHistoryInput {
  patientSubjectId: string;
  asOf: string;
  services: ReadonlyArray<{ name: string; url: string }>;
  token: string;
  /** `AUDIT_HEADS_DIR` as the auditor holds it (`<service>.tree-heads.jsonl`, `<service>.keys.jsonl`): heads kept outside the database. */
  headsDir?: string;
  progress: (line: string) => void;
  fetch?: typeof fetch;
  /** Whether an unwitnessed head or a witness's alert fails the service (`--require-witness`); else a warning. */
  requireWitness?: boolean;
}

/** What one witness answers at `GET /audit/log/witnessed?log=&treeSize=`. */
interface WitnessedAnswer {
  items: WitnessedHead[];
  witness: string;
  witnessKeys: PublicKeyRecord[];
  alerts: WitnessAlert[];
}

export interface WitnessCheck {
  witnessedBy: string[];
  problems: string[];
}

/**
 * Asks every other service (the witnesses) what it holds of `head`'s log at that size: a countersignature over exactly
 * this head (same root and producer signature), verified with the witness's published key, counts; a validly signed
 * head of that size with another root (`crossCheckWitnesses`: a split view) or any alert the witness raised on the
 * log is a problem. A witness that does not answer is named as a problem too (it countersigns nothing).
 */
export async function checkWitnesses(
  fetcher: typeof fetch,
  head: SignedTreeHead,
  keys: readonly PublicKeyRecord[],
  witnesses: ReadonlyArray<{ name: string; url: string }>,
  token: string,
): Promise<WitnessCheck> {
  const witnessedBy: string[] = [];
  const problems: string[] = [];
  for (const witness of witnesses) {
    let answer: WitnessedAnswer;
    try {
      const query = new URLSearchParams({ log: head.log, treeSize: String(head.treeSize) });
      answer = (await getJson(fetcher, `${witness.url}/audit/log/witnessed?${query}`, token)) as WitnessedAnswer;
    } catch (error) {
      problems.push(`witness ${witness.name} did not answer (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const held = answer.items.filter((item) => item.head.log === head.log && item.head.treeSize === head.treeSize);
    const countersigned = held.some(
      (item) =>
        item.head.rootHash === head.rootHash &&
        item.head.signature === head.signature &&
        item.countersignature.witness === witness.name &&
        verifyCountersignature(head, item.countersignature, answer.witnessKeys),
    );
    if (countersigned) witnessedBy.push(witness.name);
    const crossCheck = crossCheckWitnesses(head.log, [{ witness: 'this report', heads: [head] }, { witness: witness.name, heads: held.map((item) => item.head) }], keys);
    if (!crossCheck.ok) problems.push(`witness ${witness.name} holds another root for the ${head.log} head of size ${head.treeSize} (split view)`);
    for (const alert of answer.alerts.filter((a) => a.log === head.log)) {
      problems.push(`witness ${witness.name} raised ${alert.reason} on the ${head.log} log (head of size ${alert.treeSize})`);
    }
  }
  return { witnessedBy, problems };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

async function getJson(fetcher: typeof fetch, url: string, token: string): Promise<unknown> {
  // The token as issued, with or without its `Bearer ` prefix.
  const authorization = /^Bearer /i.test(token) ? token : `Bearer ${token}`;
  const response = await fetcher(url, { headers: { authorization, accept: 'application/json' } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { title?: string };
    throw new Error(`${response.status}${problem.title ? ` ${problem.title}` : ''}`);
  }
  return response.json();
}

/** The heads and keys to check a service's part against: the auditor's own copies when given, else the service's. */
async function headsOf(fetcher: typeof fetch, service: { name: string; url: string }, token: string, headsDir?: string) {
  if (headsDir) {
    const headsPath = path.join(headsDir, `${service.name}.tree-heads.jsonl`);
    const keysPath = path.join(headsDir, `${service.name}.keys.jsonl`);
    if (!existsSync(headsPath) || !existsSync(keysPath)) throw new Error(`no ${path.basename(headsPath)} and ${path.basename(keysPath)} in ${headsDir}`);
    return {
      heads: readJsonLines<SignedTreeHead>(headsPath),
      keys: readJsonLines<PublicKeyRecord>(keysPath),
      from: 'heads-dir' as const,
    };
  }
  const heads: SignedTreeHead[] = [];
  for (let page = 1; ; page++) {
    const answer = (await getJson(fetcher, `${service.url}/audit/log/tree-heads?page=${page}&pageSize=100`, token)) as { items: SignedTreeHead[]; total: number };
    heads.push(...answer.items);
    if (answer.items.length === 0 || heads.length >= answer.total) break;
  }
  const keys = ((await getJson(fetcher, `${service.url}/audit/log/keys`, token)) as { keys: PublicKeyRecord[] }).keys;
  return { heads, keys, from: 'service' as const };
}

function entryOf(service: string, event: ReportEvent, verified: boolean): CaseHistoryEntry {
  const metadata = (event.metadata ?? {}) as { occurredAt?: unknown; actor?: { organisationId?: unknown; role?: unknown } };
  return {
    service,
    occurredAt: text(metadata.occurredAt) ?? '',
    type: event.type,
    stream: event.stream,
    position: event.position,
    organisationId: text(metadata.actor?.organisationId),
    role: text(metadata.actor?.role),
    verified,
  };
}

/**
 * `npm run audit -- case-history` (issue 19 item 3): gathers one patient's events from every service as recorded at
 * `asOf`, checks each event's inclusion proof against heads signed by that service's key (the auditor's own copies
 * from `AUDIT_HEADS_DIR` when given, else the heads and keys the service publishes — weaker, and said so), and merges
 * them into one timeline in time order. The same inputs give the same document, byte for byte.
 */
export async function gatherCaseHistory(input: CaseHistoryInput): Promise<CaseHistoryDocument> {
  const fetcher = input.fetch ?? fetch;
  const services: CaseHistoryServiceSummary[] = [];
  const entries: CaseHistoryEntry[] = [];
  const reports: Record<string, TransparencyReport> = {};
  for (const service of input.services) {
    input.progress(`${service.name}: asking for the events of the patient as of ${input.asOf} …`);
    try {
      const query = new URLSearchParams({ asOf: input.asOf });
      const part = (await getJson(fetcher, `${service.url}/audit/patients/${encodeURIComponent(input.patientSubjectId)}/events?${query}`, input.token)) as CaseHistoryPart;
      const { heads, keys, from } = await headsOf(fetcher, service, input.token, input.headsDir);
      const report = part.report;
      const whole = verifyReport({ report, heads, keys });
      input.progress(`${service.name}: asking the other services whether they witnessed its head of size ${report.treeHead.treeSize} …`);
      const others = input.services.filter((other) => other.name !== service.name);
      const witnessing = await checkWitnesses(fetcher, report.treeHead, keys, others, input.token);
      let bad = 0;
      for (const event of report.events) {
        const verified = whole.ok || verifyReport({ report: { ...report, events: [event] }, heads, keys }).ok;
        if (!verified) bad++;
        entries.push(entryOf(service.name, event, verified));
      }
      const problem = whole.ok
        ? null
        : [...whole.headProblems, ...(whole.firstBad ? [`first bad position: leaf ${whole.firstBad.leafIndex} (global position ${whole.firstBad.position ?? 'none'}): ${whole.firstBad.reason}`] : [])].join('; ') ||
          `${bad} event(s) did not verify`;
      const unwitnessed = witnessing.witnessedBy.length === 0 ? [`head of size ${report.treeHead.treeSize} not witnessed: no other service countersigned it`] : [];
      const witnessFailure = input.requireWitness ? [...unwitnessed, ...witnessing.problems] : [];
      const failures = [...(problem ? [problem] : []), ...witnessFailure];
      reports[service.name] = report;
      services.push({
        service: service.name,
        treeSize: report.treeHead.treeSize,
        rootHash: report.treeHead.rootHash,
        events: report.events.length,
        verified: failures.length === 0,
        headsFrom: from,
        problem: failures.length === 0 ? null : failures.join('; '),
        witnessedBy: witnessing.witnessedBy,
        witnessProblems: witnessing.problems,
      });
      input.progress(`${service.name}: ${report.events.length} events, ${whole.ok ? 'all verified' : `NOT VERIFIED (${problem})`} against the head of size ${report.treeHead.treeSize} (heads from ${from === 'heads-dir' ? 'the heads folder' : 'the service'})`);
      input.progress(
        `${service.name}: ${witnessing.witnessedBy.length > 0 ? `head countersigned by ${witnessing.witnessedBy.join(', ')}` : 'head NOT WITNESSED by any other service asked'}${witnessing.problems.length > 0 ? `; ${witnessing.problems.join('; ')}` : ''}`,
      );
    } catch (error) {
      const problem = `no answer: ${error instanceof Error ? error.message : String(error)}`;
      services.push({ service: service.name, treeSize: null, rootHash: null, events: 0, verified: false, headsFrom: null, problem, witnessedBy: [], witnessProblems: [] });
      input.progress(`${service.name}: ${problem}`);
    }
  }
  entries.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.service.localeCompare(b.service) || a.position - b.position);
  return {
    format: CASE_HISTORY_FORMAT,
    patientSubjectId: input.patientSubjectId,
    asOf: input.asOf,
    verified: services.length > 0 && services.every((service) => service.verified),
    services,
    entries,
    reports,
  };
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The report an auditor reads: the verification summary first, then a timeline per organisation. */
export function caseHistoryHtml(document: CaseHistoryDocument): string {
  const byOrganisation = new Map<string, CaseHistoryEntry[]>();
  for (const entry of document.entries) {
    const key = entry.organisationId ?? '(no organisation)';
    byOrganisation.set(key, [...(byOrganisation.get(key) ?? []), entry]);
  }
  const summary = document.services
    .map(
      (s) =>
        `<tr><td>${escape(s.service)}</td><td>${s.events}</td><td>${s.treeSize ?? '–'}</td><td>${s.verified ? 'verified' : `<strong>NOT VERIFIED</strong>: ${escape(s.problem ?? '')}`}</td><td>${escape(s.headsFrom ?? '–')}</td><td>${s.witnessedBy.length > 0 ? `countersigned by ${escape(s.witnessedBy.join(', '))}` : '<strong>not witnessed</strong>'}${s.witnessProblems.map((p) => `<br><strong>${escape(p)}</strong>`).join('')}</td></tr>`,
    )
    .join('\n');
  const timelines = [...byOrganisation.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([organisation, rows]) => `<h2>${escape(organisation)}</h2>
<table><thead><tr><th>When</th><th>Service</th><th>What</th><th>Role</th><th>Verified</th></tr></thead><tbody>
${rows.map((e) => `<tr><td>${escape(e.occurredAt)}</td><td>${escape(e.service)}</td><td>${escape(e.type)}</td><td>${escape(e.role ?? '')}</td><td>${e.verified ? '✓ verified' : '✗ NOT VERIFIED'}</td></tr>`).join('\n')}
</tbody></table>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Case history ${escape(document.patientSubjectId)} as of ${escape(document.asOf)}</title></head>
<body>
<h1>Case history of patient ${escape(document.patientSubjectId)} as of ${escape(document.asOf)}</h1>
<p>${document.verified ? 'Every entry below was proven against a head signed by its service’s key.' : '<strong>Some entries or services did not verify: see the summary.</strong>'}</p>
<table><thead><tr><th>Service</th><th>Events</th><th>Head size</th><th>Verification</th><th>Heads from</th><th>Witnesses</th></tr></thead><tbody>
${summary}
</tbody></table>
${timelines}
</body></html>
`;
}

/** Reads `name=url,name=url`. */
export function parseServices(value: string): Array<{ name: string; url: string }> | null {
  const services = value.split(',').map((item) => {
    const at = item.indexOf('=');
    return { name: item.slice(0, at), url: item.slice(at + 1).replace(/\/+$/, '') };
  });
  return services.every((s) => /^[a-z][a-z0-9-]{0,62}$/.test(s.name) && /^https?:\/\/\S+$/.test(s.url)) ? services : null;
}
