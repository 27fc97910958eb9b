import { describe, expect, it } from 'vitest';
import { type CaseHistoryPart, mergeCaseHistory } from './case-history';

const event = (position: number, type: string, occurredAt: string, organisationId?: string, role?: string) => ({
  position, stream: `s-${position}`, type, metadata: { occurredAt, ...(organisationId ? { actor: { organisationId, role } } : {}) },
});
const part = (service: string, treeSize: number, events: ReturnType<typeof event>[]): CaseHistoryPart => ({
  service, asOf: '2026-01-10T00:00:00.000Z', report: { treeHead: { treeSize, timestamp: '2026-01-10T00:00:00.000Z', keyId: 'k' }, events },
});

describe('the case history merged from each service’s answer', () => {
  const merged = mergeCaseHistory([
    { service: 'referrals', part: part('referrals', 40, [event(3, 'ReferralReceived', '2026-01-01T09:00:00.000Z', 'GP1', 'referrer'), event(7, 'ReferralTriaged', '2026-01-02T09:00:00.000Z', 'TT1', 'clinician')]) },
    { service: 'outcomes', part: part('outcomes', 12, [event(2, 'ResponseRecorded', '2026-01-03T09:00:00.000Z', 'TT1', 'clinician'), event(1, 'EpisodeKnown', '2026-01-02T09:00:00.000Z')]) },
    { service: 'scheduling', problem: 'The scheduling service did not answer' },
  ]);

  it('keeps each service’s signed head size and event count, and names a service that did not answer', () => {
    expect(merged.services).toEqual([
      { service: 'referrals', events: 2, treeSize: 40, problem: null },
      { service: 'outcomes', events: 2, treeSize: 12, problem: null },
      { service: 'scheduling', events: 0, treeSize: null, problem: 'The scheduling service did not answer' },
    ]);
    expect(merged.entries).toBe(4);
  });

  it('groups the entries per acting organisation, in time order, organisations in order of their first entry', () => {
    expect(merged.organisations.map((o) => [o.organisationId, o.entries.map((e) => `${e.service}:${e.type}:${e.role ?? ''}`)])).toEqual([
      ['GP1', ['referrals:ReferralReceived:referrer']],
      // Same instant: ordered by service name, then position — as npm run audit -- case-history orders them.
      [null, ['outcomes:EpisodeKnown:']],
      ['TT1', ['referrals:ReferralTriaged:clinician', 'outcomes:ResponseRecorded:clinician']],
    ]);
  });

  it('is the same whatever order the services answered in', () => {
    const again = mergeCaseHistory([
      { service: 'scheduling', problem: 'x' },
      { service: 'outcomes', part: part('outcomes', 12, [event(1, 'EpisodeKnown', '2026-01-02T09:00:00.000Z'), event(2, 'ResponseRecorded', '2026-01-03T09:00:00.000Z', 'TT1', 'clinician')]) },
      { service: 'referrals', part: part('referrals', 40, [event(7, 'ReferralTriaged', '2026-01-02T09:00:00.000Z', 'TT1', 'clinician'), event(3, 'ReferralReceived', '2026-01-01T09:00:00.000Z', 'GP1', 'referrer')]) },
    ]);
    expect(again.organisations).toEqual(merged.organisations);
  });
});
