import { describe, expect, it } from 'vitest';
import { BREAK_GLASS_REVIEW_OVERDUE_DAYS, type BreakGlassGrant, mergeQueues, reviewBody, reviewFormErrors } from './break-glass-reviews';

const now = new Date();
const daysAgo = (days: number, extraMs = 0) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000 - extraMs).toISOString();
const grant = (id: string, at: string): BreakGlassGrant => ({
  id, userId: 'u-1', organisationId: 'ORG1', organisationType: 'crisis-team', role: 'clinician', patientSubjectId: `p-${id}`,
  resource: 'patient-journey', reason: 'Seen in A&E in crisis tonight', at, expiresAt: null, review: null,
});

describe('the break-glass queues of every service merged for the privacy officer', () => {
  const merged = mergeQueues(
    [
      { service: 'referrals', page: { items: [grant('r1', daysAgo(1)), grant('r2', daysAgo(BREAK_GLASS_REVIEW_OVERDUE_DAYS, 60_000))], total: 3 } },
      { service: 'outcomes', page: { items: [grant('o1', daysAgo(BREAK_GLASS_REVIEW_OVERDUE_DAYS + 1, 60_000))], total: 1 } },
      { service: 'scheduling', problem: 'The service could not be reached' },
    ],
    now,
  );

  it('lists every service’s grants oldest first, each with the service that records its review', () => {
    expect(merged.grants.map((g) => `${g.service}:${g.id}`)).toEqual(['outcomes:o1', 'referrals:r2', 'referrals:r1']);
  });

  it('marks only a grant unreviewed for MORE than the review period as overdue', () => {
    expect(merged.grants.map((g) => [g.id, g.ageDays, g.overdue])).toEqual([
      ['o1', BREAK_GLASS_REVIEW_OVERDUE_DAYS + 1, true],
      ['r2', BREAK_GLASS_REVIEW_OVERDUE_DAYS, false],
      ['r1', 1, false],
    ]);
    expect(merged.overdue).toBe(1);
    const reviewed = mergeQueues([{ service: 'referrals', page: { items: [{ ...grant('x', daysAgo(30)), review: { decision: 'appropriate', note: null, reviewedBy: { userId: 'po', organisationId: 'ORG1', role: 'auditor' }, at: daysAgo(1) } }], total: 1 } }], now);
    expect(reviewed.grants[0]?.overdue).toBe(false);
  });

  it('names a service that did not answer, and says when a service holds more than the page shows', () => {
    expect(merged.services).toEqual([
      { service: 'referrals', total: 3, shown: 2, problem: null },
      { service: 'outcomes', total: 1, shown: 1, problem: null },
      { service: 'scheduling', total: null, shown: 0, problem: 'The service could not be reached' },
    ]);
  });
});

describe('the review form’s own check (the services’ rule: a note unless appropriate)', () => {
  it('asks for a decision', () => {
    expect(reviewFormErrors('', '')).toEqual({ decision: 'Select whether the emergency access was appropriate' });
  });
  it('needs a note for inappropriate and needs-follow-up, not for appropriate', () => {
    expect(reviewFormErrors('appropriate', '')).toEqual({});
    expect(reviewFormErrors('inappropriate', '   ')).toEqual({ note: 'Enter a note saying why, unless the access was appropriate' });
    expect(reviewFormErrors('needs-follow-up', '')).toHaveProperty('note');
    expect(reviewFormErrors('needs-follow-up', 'Ask the clinician')).toEqual({});
    expect(reviewFormErrors('appropriate', 'x'.repeat(2001))).toEqual({ note: 'The note must be 2000 characters or fewer' });
  });
  it('sends the note only when one was written', () => {
    expect(reviewBody('appropriate', '  ')).toEqual({ decision: 'appropriate' });
    expect(reviewBody('inappropriate', ' No emergency on record ')).toEqual({ decision: 'inappropriate', note: 'No emergency on record' });
  });
});
