/**
 * The auditor's case history in the browser: each service's answer to `GET /audit/patients/{id}/events?asOf=`
 * (docs/audit.md "The case history of one patient") merged into one timeline per organisation, in the order
 * `npm run audit -- case-history` uses (the event's own `occurredAt`, then service, then position), with each
 * service's signed head size. Each service's proofs and head signature are checked by src/lib/proofs.ts (the page
 * marks every entry); `npm run audit -- case-history` with the auditor's own heads and keys remains the evidence.
 */
export const AUDITED_SERVICES = ['referrals', 'scheduling', 'consultations', 'outcomes', 'directory'] as const;

export interface CaseHistoryEvent {
  position: number;
  stream: string;
  type: string;
  metadata?: unknown;
}

/** One service's answer, as the platform's case-history route gives it (only what this page reads). */
export interface CaseHistoryPart {
  service: string;
  asOf: string;
  report: { treeHead: { treeSize: number; timestamp: string; keyId: string }; events: CaseHistoryEvent[] };
}

export type ServiceAnswer = { service: string; part: CaseHistoryPart } | { service: string; problem: string };

export interface CaseHistoryEntry {
  service: string;
  occurredAt: string;
  type: string;
  position: number;
  organisationId: string | null;
  role: string | null;
}

export interface ServiceSummary {
  service: string;
  events: number;
  /** The signed head's tree size the service's proofs lead to; null when it did not answer. */
  treeSize: number | null;
  problem: string | null;
}

export interface MergedCaseHistory {
  services: ServiceSummary[];
  /** Organisations in order of their first entry; entries with no acting organisation under `null`. */
  organisations: Array<{ organisationId: string | null; entries: CaseHistoryEntry[] }>;
  entries: number;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function entryOf(service: string, event: CaseHistoryEvent): CaseHistoryEntry {
  const metadata = (event.metadata ?? {}) as { occurredAt?: unknown; actor?: { organisationId?: unknown; role?: unknown } };
  return {
    service,
    occurredAt: text(metadata.occurredAt) ?? '',
    type: event.type,
    position: event.position,
    organisationId: text(metadata.actor?.organisationId),
    role: text(metadata.actor?.role),
  };
}

export function mergeCaseHistory(answers: readonly ServiceAnswer[]): MergedCaseHistory {
  const services: ServiceSummary[] = [];
  const all: CaseHistoryEntry[] = [];
  for (const answer of answers) {
    if ('problem' in answer) {
      services.push({ service: answer.service, events: 0, treeSize: null, problem: answer.problem });
      continue;
    }
    const events = answer.part.report.events;
    services.push({ service: answer.service, events: events.length, treeSize: answer.part.report.treeHead.treeSize, problem: null });
    for (const event of events) all.push(entryOf(answer.service, event));
  }
  all.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.service.localeCompare(b.service) || a.position - b.position);
  const byOrganisation = new Map<string | null, CaseHistoryEntry[]>();
  for (const entry of all) {
    const list = byOrganisation.get(entry.organisationId) ?? [];
    list.push(entry);
    byOrganisation.set(entry.organisationId, list);
  }
  return { services, organisations: [...byOrganisation].map(([organisationId, entries]) => ({ organisationId, entries })), entries: all.length };
}
