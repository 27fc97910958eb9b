import { ACCESS_POLICY, RELATIONSHIP_KINDS, type RelationshipKind } from './access-policy';
import { decideAccess, type AccessQuestion } from './decide-access';
import { relationshipKinds } from './relationship-kinds';
import type { OrganisationType, Role } from '../principal/vocabulary';

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

  it('gap watch: a care thread is read and closed by its holder only; gap metrics by commissioners only', () => {
    const thread = ask({ action: 'care-thread.read', roles: ['referrer'], kinds: new Set(['record-holder']) });
    expect(decideAccess(thread)).toMatchObject({ allowed: true, view: 'full' });
    expect(decideAccess({ ...thread, action: 'care-thread.close' })).toMatchObject({ allowed: true });
    // The service that refused the person relates to its referral, not to the thread.
    expect(decideAccess({ ...thread, kinds: new Set(['receiving']), organisationType: 'talking-therapies', roles: ['clinician'] })).toMatchObject({ allowed: false, outcome: 'forbidden' });
    const gaps = ask({ action: 'metrics.gaps', roles: ['ops'], kinds: new Set(['commissioning']), organisationType: 'commissioner' });
    expect(decideAccess(gaps)).toMatchObject({ allowed: true });
    expect(decideAccess({ ...gaps, organisationType: 'gp-practice', roles: ['admin'] })).toMatchObject({ allowed: false, outcome: 'forbidden' });
    expect(decideAccess({ ...gaps, roles: ['link-worker'] })).toMatchObject({ allowed: false });
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
    // nothing of the record: only the privacy officer's oversight of the access trail
    expect(ACCESS_POLICY['patient-care'].grants).toEqual({ 'patient.oversee': { roles: ['auditor'], view: 'full' } });
  });

  it('lets the auditor of an organisation in the person’s care, and any national auditor, oversee the access trail; nobody else', () => {
    const oversee = (roles: Role[], organisationType: OrganisationType, kinds: RelationshipKind[]) =>
      decideAccess({ organisationType, roles, action: 'patient.oversee', kinds: new Set<RelationshipKind>(['national-oversight', ...kinds]), consentToShare: false, awaitingTriage: false, breakGlass: false });
    for (const kind of ['receiving', 'referrer', 'provider-current', 'provider-past', 'provider-expired', 'patient-care'] as const) {
      expect(oversee(['auditor'], 'crisis-team', [kind])).toMatchObject({ allowed: true, role: 'auditor', kind });
    }
    expect(oversee(['auditor'], 'voluntary-sector', ['voluntary-sector-prescription'])).toMatchObject({ allowed: true, role: 'auditor' });
    expect(oversee(['national-auditor'], 'audit', [])).toMatchObject({ allowed: true, role: 'national-auditor', kind: 'national-oversight' });
    expect(oversee(['national-auditor', 'auditor'], 'crisis-team', ['receiving'])).toMatchObject({ allowed: true, role: 'national-auditor' });
    expect(oversee(['auditor'], 'audit', [])).toMatchObject({ allowed: false });
    expect(oversee(['auditor'], 'crisis-team', ['unverified-self-referral'])).toMatchObject({ allowed: false });
    expect(oversee(['clinician', 'privacy-officer'], 'crisis-team', ['provider-current'])).toMatchObject({ allowed: false });
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

  describe('hazard H-A1: a relationship resting on an unverified self-referral', () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const unverified = (scope: string, reason = 'step-provider', endedAt: Date | null = null) => ({ reason, scope, endedAt, identityVerified: false });
    const patient = { type: 'patient' as const, referralId: null, episodeId: null };
    const ownEpisode = { type: 'episode' as const, referralId: 'r1', episodeId: 'e1' };
    const otherEpisode = { type: 'episode' as const, referralId: 'r2', episodeId: 'e2' };
    const provider = [unverified('episode:e1'), unverified('referral:r1', 'receiving-service')];

    it('counts in full for its own referral and episode', () => {
      expect(relationshipKinds(ownEpisode, provider, now, 90)).toEqual(new Set(['provider-current', 'receiving']));
      const kinds = relationshipKinds(ownEpisode, provider, now, 90);
      expect(decideAccess(ask({ organisationType: 'talking-therapies', action: 'episode.read', kinds }))).toMatchObject({ allowed: true, view: 'full' });
      expect(decideAccess(ask({ organisationType: 'talking-therapies', action: 'episode.decide', kinds }))).toMatchObject({ allowed: true, kind: 'provider-current' });
    });

    it('reaches nothing of the person as a whole (403: the organisation knows the person) nor of their other care (404, as a stranger)', () => {
      const wide = relationshipKinds(patient, provider, now, 90);
      expect(wide).toEqual(new Set(['unverified-self-referral']));
      for (const action of ['patient.journey', 'patient.episodes'] as const) {
        expect(decideAccess(ask({ organisationType: 'talking-therapies', action, kinds: wide }))).toEqual({
          allowed: false,
          outcome: 'forbidden',
          why: `no-grant:${action}`,
        });
      }
      const other = relationshipKinds(otherEpisode, provider, now, 90);
      expect(other).toEqual(new Set());
      expect(decideAccess(ask({ organisationType: 'talking-therapies', action: 'episode.read', kinds: other }))).toMatchObject({ allowed: false, outcome: 'not-found' });
      expect(ACCESS_POLICY['unverified-self-referral'].grants).toEqual({});
    });

    it('after verification the same rows are a provider’s: the journey, and another episode with consent', () => {
      const verified = provider.map((row) => ({ ...row, identityVerified: true }));
      const wide = relationshipKinds(patient, verified, now, 90);
      expect(decideAccess(ask({ organisationType: 'talking-therapies', action: 'patient.journey', kinds: wide }))).toMatchObject({ allowed: true, kind: 'provider-current' });
      expect(relationshipKinds(otherEpisode, verified, now, 90)).toEqual(new Set(['provider-other-episode']));
    });

    it('a verified relationship of the same organisation with the person still counts beside an unverified one', () => {
      const kinds = relationshipKinds(patient, [...provider, { reason: 'step-provider', scope: 'episode:e2', endedAt: null, identityVerified: true }], now, 90);
      expect(decideAccess(ask({ organisationType: 'talking-therapies', action: 'patient.journey', kinds }))).toMatchObject({ allowed: true });
    });

    it('an expired unverified provider keeps its own summary and gains nothing else', () => {
      const ended = new Date(now.getTime() - 91 * 86_400_000);
      expect(relationshipKinds(ownEpisode, [unverified('episode:e1', 'step-provider', ended)], now, 90)).toEqual(new Set(['provider-expired']));
      expect(relationshipKinds(otherEpisode, [unverified('episode:e1', 'step-provider', ended)], now, 90)).toEqual(new Set());
    });

    it('lets only the receiving organisation’s clinicians and admins record the verification, before or after triage; never by break-glass', () => {
      const verify = ask({ organisationType: 'talking-therapies', action: 'referral.verify-identity', roles: ['admin'], kinds: new Set(['receiving']), awaitingTriage: false });
      expect(decideAccess(verify)).toMatchObject({ allowed: true, kind: 'receiving', role: 'admin' });
      expect(decideAccess({ ...verify, roles: ['referrer'] })).toMatchObject({ allowed: false, outcome: 'forbidden' });
      // The provider (of the episode it opened) and the referrer do not verify the person: only the organisation that received them.
      expect(decideAccess({ ...verify, kinds: new Set(['provider-current', 'referrer']) })).toMatchObject({ allowed: false, outcome: 'forbidden' });
      expect(decideAccess({ ...verify, kinds: new Set() })).toMatchObject({ allowed: false, outcome: 'not-found' });
      expect(decideAccess({ ...verify, kinds: new Set(), roles: ['clinician'], breakGlass: true }).allowed).toBe(false);
    });
  });
});
