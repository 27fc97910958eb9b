import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProblem } from './api';
import type { CaseloadEpisode, CaseloadRiskAlert } from './caseload-flags';
import { readCaseload } from './caseload-read';

const episode = (id: string, status: string): CaseloadEpisode => ({
  id, patientSubjectId: `p-${id}`, status, step: 'step-2', providingOrganisationId: 'DEMTT1', reviewFlags: [],
  waitingClockKind: 'none', waitingClock: null, crisisTimers: null,
});
const alert = (episodeId: string): CaseloadRiskAlert => ({
  id: `a-${episodeId}`, episodeId, patientSubjectId: `p-${episodeId}`, signal: 'thoughts-of-self-harm', urgency: 'high', status: 'open', raisedAt: new Date().toISOString(), escalatedAt: null,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } });
const problem = (status: number) => json(status, { type: 'about:blank', title: `answered ${status}`, status });

/** A BFF that answers each path from `answer` (the query string included) and records what was asked. */
function bff(answer: (path: string) => Response): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (path: string) => {
    asked.push(path);
    return Promise.resolve(answer(path));
  });
  return asked;
}

const onTrack = { ruleSetVersion: 'v1', basis: 'provisional', outcome: { depression: null, anxiety: null, flags: { notOnTrack: { value: false, explanation: 'on track: no paired scores yet' } } } };

afterEach(() => vi.unstubAllGlobals());

describe('reading the caseload through the BFF', () => {
  it('reads every page of the open alerts and of each open status, and only the organisation’s own', async () => {
    const asked = bff((path) => {
      if (path.startsWith('/api/outcomes/risk-alerts')) {
        // Two pages: the alert for e2 is on the second.
        return json(200, path.includes('page=1') ? { items: [alert('other')], total: 2 } : { items: [alert('e2')], total: 2 });
      }
      if (path.startsWith('/api/referrals/episodes')) {
        if (path.includes('status=InTreatment')) return json(200, { items: [episode('e1', 'InTreatment')], total: 1 });
        if (path.includes('status=Waiting')) return json(200, { items: [episode('e2', 'Waiting')], total: 1 });
        return json(200, { items: [], total: 0 });
      }
      return json(200, onTrack);
    });
    const read = await readCaseload('DEMTT1');
    expect(read.rows.map((r) => [r.episode.id, r.rag, r.flags[0]?.rag])).toEqual([['e2', 'red', 'red'], ['e1', 'green', 'green']]);
    expect(read.outcomesUnanswered).toBe(0);
    expect(asked.filter((p) => p.startsWith('/api/outcomes/risk-alerts'))).toEqual([
      '/api/outcomes/risk-alerts?organisation=DEMTT1&status=open&pageSize=200&page=1',
      '/api/outcomes/risk-alerts?organisation=DEMTT1&status=open&pageSize=200&page=2',
    ]);
    expect(asked.filter((p) => p.startsWith('/api/referrals/episodes')).sort()).toEqual(
      ['InTreatment', 'Paused', 'Waiting'].map((s) => `/api/referrals/episodes?organisation=DEMTT1&status=${s}&pageSize=200&page=1`),
    );
  });

  it('fails as a whole when the risk alerts cannot be read: never a caseload showing "no open risk alert"', async () => {
    bff((path) => (path.startsWith('/api/outcomes/risk-alerts') ? problem(503) : path.startsWith('/api/referrals/episodes') ? json(200, { items: [episode('e1', 'Waiting')], total: 1 }) : json(200, onTrack)));
    const failure = await readCaseload('DEMTT1').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiProblem);
    expect((failure as ApiProblem).problem.status).toBe(503);
  });

  it('leaves the not-on-track flag without a colour when outcomes does not know the episode, and counts those it did not answer for', async () => {
    bff((path) => {
      if (path.startsWith('/api/outcomes/risk-alerts')) return json(200, { items: [], total: 0 });
      if (path.startsWith('/api/referrals/episodes')) return json(200, path.includes('status=Waiting') ? { items: [episode('e1', 'Waiting'), episode('e2', 'Waiting')], total: 2 } : { items: [], total: 0 });
      return path.includes('/e1/') ? problem(404) : problem(502);
    });
    const read = await readCaseload('DEMTT1');
    expect(read.rows.map((r) => [r.episode.id, r.flags[1]?.rag, r.flags[1]?.why])).toEqual([
      ['e1', 'none', 'No scores: outcomes holds no record of this episode yet'],
      ['e2', 'none', 'Not known: the outcomes service did not answer'],
    ]);
    expect(read.outcomesUnanswered).toBe(1);
  });
});
