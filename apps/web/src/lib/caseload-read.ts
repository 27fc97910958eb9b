import { api, ApiProblem } from './api';
import {
  type CaseloadEpisode,
  type CaseloadOutcome,
  type CaseloadRiskAlert,
  type CaseloadRow,
  caseloadRow,
  type OutcomeRead,
  orderCaseload,
} from './caseload-flags';

/** The open statuses of an episode (referrals `GET /episodes?status=`): in treatment, waiting and paused. */
export const OPEN_STATUSES = ['InTreatment', 'Waiting', 'Paused'] as const;
/** The services' largest page (`PageQuery` of @stepwell/http: 1–200). */
const PAGE_SIZE = 200;
/** At most this many outcome reads at once (the browser's own limit per host is about six). */
const OUTCOME_READS_AT_ONCE = 4;

/** Every page of one of the services' paginated lists (`items`, `total`), one after the other. */
export async function allPages<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const answer = await api<{ items: T[]; total: number }>(`${path}${path.includes('?') ? '&' : '?'}pageSize=${PAGE_SIZE}&page=${page}`);
    items.push(...answer.body.items);
    if (answer.body.items.length === 0 || items.length >= answer.body.total) return items;
  }
}

export interface CaseloadRead {
  rows: CaseloadRow[];
  /** Episodes whose outcome flags could not be read (outcomes answered with a problem other than "no such episode"). */
  outcomesUnanswered: number;
}

/**
 * The caseload of an organisation, read through the BFF from the services' own audited endpoints: every open
 * episode it provides (referrals `GET /episodes`, each status, every page), its open risk alerts (outcomes
 * `GET /risk-alerts`, every page) and each episode's outcome flags (outcomes `GET /episodes/{id}/outcomes`).
 * A problem reading the episodes or the alerts rejects the whole read (the page shows it; never a caseload whose
 * risk flags rest on a failed read, hazard H-WC1); an episode outcomes does not know (404) or did not answer has a
 * not-on-track flag without a colour, the latter counted.
 */
export async function readCaseload(org: string): Promise<CaseloadRead> {
  const organisation = encodeURIComponent(org);
  const [alerts, ...byStatus] = await Promise.all([
    allPages<CaseloadRiskAlert>(`/api/outcomes/risk-alerts?organisation=${organisation}&status=open`),
    ...OPEN_STATUSES.map((status) => allPages<CaseloadEpisode>(`/api/referrals/episodes?organisation=${organisation}&status=${status}`)),
  ]);
  const episodes = byStatus.flat();
  const outcomes = new Map<string, OutcomeRead>();
  const queue = [...episodes];
  async function worker(): Promise<void> {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const id = next.id;
      try {
        outcomes.set(id, (await api<CaseloadOutcome>(`/api/outcomes/episodes/${encodeURIComponent(id)}/outcomes`)).body);
      } catch (error) {
        if (!(error instanceof ApiProblem)) throw error;
        outcomes.set(id, error.problem.status === 404 ? 'not-known' : 'no-answer');
      }
    }
  }
  await Promise.all(Array.from({ length: OUTCOME_READS_AT_ONCE }, worker));
  const reads = episodes.map((e) => outcomes.get(e.id) ?? 'no-answer');
  return {
    rows: orderCaseload(episodes.map((e, i) => caseloadRow(e, alerts, reads[i] ?? 'no-answer'))),
    outcomesUnanswered: reads.filter((read) => read === 'no-answer').length,
  };
}
