import { ACCESS_POLICY, RELATIONSHIP_KINDS, type RelationshipKind } from './access-policy';
import { decideAccess, type AccessQuestion } from './decide-access';
import { relationshipKinds } from './relationship-kinds';

const ask = (overrides: Partial<AccessQuestion>): AccessQuestion => ({
  organisationType: 'gp-practice',
  roles: ['clinician'],
  action: 'referral.read',
  kinds: new Set<RelationshipKind>(),
  consentToShare: true,
  awaitingTriage: true,
  breakGlass: false,
  ...overrides,
});

describe('the access policy', () => {
  it('has a row for every relationship kind but none', () => {
    expect(Object.keys(ACCESS_POLICY).sort()).toEqual(RELATIONSHIP_KINDS.filter((k) => k !== 'none').sort());
  });

  it('answers a stranger as if the record did not exist, and a related organisation without the right with 403', () => {
    expect(decideAccess(ask({}))).toEqual({ allowed: false, outcome: 'not-found', why: 'no-relationship' });
    expect(decideAccess(ask({ action: 'episode.decide', kinds: new Set(['referrer']) }))).toMatchObject({ allowed: false, outcome: 'forbidden' });
  });

  it('lets the receiving organisation withdraw only before triage, the referrer at any time', () => {
    const receiving = ask({ action: 'referral.withdraw', kinds: new Set(['receiving']), organisationType: 'talking-therapies' });
    expect(decideAccess(receiving).allowed).toBe(true);
    expect(decideAccess({ ...receiving, awaitingTriage: false }).allowed).toBe(false);
    expect(decideAccess(ask({ action: 'referral.withdraw', kinds: new Set(['referrer']), awaitingTriage: false })).allowed).toBe(true);
  });

  it('shows another episode in full only with consent, else existence, dates and provider', () => {
    const other = ask({ action: 'episode.read', kinds: new Set(['provider-other-episode']) });
    expect(decideAccess(other)).toMatchObject({ allowed: true, view: 'full' });
    expect(decideAccess({ ...other, consentToShare: false })).toMatchObject({ allowed: true, view: 'summary' });
  });

  it('lets only the record-holder make scheduling’s and outcomes’ owner writes; a patient-wide relation is 403, a stranger 404', () => {
    const book = ask({ action: 'episode.book', roles: ['admin'], kinds: new Set(['record-holder', 'patient-care']) });
    expect(decideAccess(book)).toMatchObject({ allowed: true, kind: 'record-holder', role: 'admin' });
    expect(decideAccess({ ...book, organisationType: 'voluntary-sector' }).allowed).toBe(true);
    expect(decideAccess({ ...book, organisationType: 'commissioner' })).toMatchObject({ allowed: false, outcome: 'forbidden' });
    // Outcomes' clinical writes are a clinician's: the holder's admin is refused.
    expect(decideAccess({ ...book, action: 'episode.record-outcome' })).toMatchObject({ allowed: false, outcome: 'forbidden' });
    expect(decideAccess({ ...book, action: 'episode.record-outcome', roles: ['clinician'] }).allowed).toBe(true);
    expect(decideAccess({ ...book, action: 'record.change', kinds: new Set(['patient-care']) })).toMatchObject({ allowed: false, outcome: 'forbidden' });
    expect(decideAccess({ ...book, action: 'record.change', kinds: new Set() })).toMatchObject({ allowed: false, outcome: 'not-found' });
    // A write never rests on break-glass, nor on a relationship that only reads.
    expect(decideAccess({ ...book, roles: ['clinician'], kinds: new Set(['provider-current']), breakGlass: true })).toMatchObject({ allowed: false });
  });

  it('makes an unscoped (patient-wide) row patient-care, which grants nothing', () => {
    const now = new Date();
    const kinds = relationshipKinds({ type: 'episode', referralId: null, episodeId: 'e1' }, [{ reason: 'step-provider', scope: '', endedAt: null }], now, 90);
    expect([...kinds]).toEqual(['patient-care']);
    expect(ACCESS_POLICY['patient-care'].grants).toEqual({});
  });

  it('never lets break-glass write, and never gives it to the voluntary sector', () => {
    expect(decideAccess(ask({ action: 'episode.decide', breakGlass: true }))).toMatchObject({ allowed: false, outcome: 'not-found' });
    expect(decideAccess(ask({ breakGlass: true, organisationType: 'voluntary-sector' }))).toMatchObject({ allowed: false });
    expect(decideAccess(ask({ breakGlass: true }))).toMatchObject({ allowed: true, basis: 'break-glass', view: 'full' });
  });

  it('derives provider kinds from the rows: current, past within the retention period, expired after it', () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const ended = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
    const target = { type: 'episode' as const, referralId: 'r1', episodeId: 'e1' };
    const row = (endedAt: Date | null, scope = 'episode:e1') => ({ reason: 'step-provider', scope, endedAt });
    expect(relationshipKinds(target, [row(null)], now, 90)).toEqual(new Set(['provider-current']));
    expect(relationshipKinds(target, [row(ended(89))], now, 90)).toEqual(new Set(['provider-past']));
    expect(relationshipKinds(target, [row(ended(91))], now, 90)).toEqual(new Set(['provider-expired']));
    expect(relationshipKinds(target, [row(null, 'episode:e2')], now, 90)).toEqual(new Set(['provider-other-episode']));
    expect(relationshipKinds(target, [row(ended(91), 'episode:e2')], now, 90)).toEqual(new Set());
    // A referral-scoped row counts for its referral only.
    expect(relationshipKinds(target, [{ reason: 'referrer', scope: 'referral:r2', endedAt: null }], now, 90)).toEqual(new Set());
  });
});
