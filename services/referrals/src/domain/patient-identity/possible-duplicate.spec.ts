import { findPossibleDuplicates, type OpenCareItem } from './possible-duplicate';

const referral = { referralId: 'r-new', patientSubjectId: 'p-1', organisationId: 'RX4' };
const item = (overrides: Partial<OpenCareItem>): OpenCareItem => ({
  kind: 'referral',
  id: 'r-old',
  patientSubjectId: 'p-1',
  organisationId: 'RX4',
  openedAt: '2026-10-01T09:00:00Z',
  ...overrides,
});

describe('marking a new referral as a possible duplicate', () => {
  it('marks it when the patient has an open referral at the same organisation', () => {
    expect(findPossibleDuplicates(referral, [item({})]).map((found) => found.id)).toEqual(['r-old']);
  });

  it('marks it when the patient has an open episode at the same organisation', () => {
    expect(findPossibleDuplicates(referral, [item({ kind: 'episode', id: 'e-1' })]).map((f) => f.id)).toEqual(['e-1']);
  });

  it('does not mark it for open care at another organisation or for another patient', () => {
    expect(findPossibleDuplicates(referral, [item({ organisationId: 'Y01234' }), item({ patientSubjectId: 'p-2' })])).toEqual(
      [],
    );
  });

  it('does not count the new referral itself', () => {
    expect(findPossibleDuplicates(referral, [item({ id: 'r-new' })])).toEqual([]);
  });

  it('lists the oldest open item first, the one triage would merge into', () => {
    const found = findPossibleDuplicates(referral, [
      item({ id: 'r-later', openedAt: '2026-11-01T09:00:00Z' }),
      item({ kind: 'episode', id: 'e-earlier', openedAt: '2026-09-01T09:00:00+01:00' }),
    ]);
    expect(found.map((f) => f.id)).toEqual(['e-earlier', 'r-later']);
  });
});
