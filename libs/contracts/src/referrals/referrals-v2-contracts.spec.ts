import { validateIntegrationEvent } from '../registry';

const at = '2026-11-21T09:00:00.000Z';
const incomplete = {
  referralId: '6f1c2a56-4d7b-4bd1-9a8e-0c2f3e4d5a6b',
  source: 'gp',
  urgency: null,
  receivingOrganisationId: 'Y01234',
  referrerOrganisationId: 'B82005',
  receivedAt: at,
  completeness: 'incomplete',
  missingFields: ['urgency', 'reason'],
  urgentTriageReasons: ['suicidal-thoughts'],
  completedAt: null,
};
const v2 = (data: unknown) => validateIntegrationEvent({ type: 'referrals.referral-received', version: 2, data });

describe('referrals.referral-received v2 (issue 12 item 9: completeness beside v1)', () => {
  it('accepts an incomplete referral with an unknown urgency, its missing fields and its risk reasons', () => {
    expect(v2(incomplete)).toEqual({ ok: true });
  });

  it('accepts the completion of that referral', () => {
    expect(v2({ ...incomplete, urgency: 'urgent', completeness: 'complete', missingFields: [], completedAt: at })).toEqual({ ok: true });
  });

  it('refuses a missing field outside the completable list (the person, the organisation and the source are never missing)', () => {
    expect(v2({ ...incomplete, missingFields: ['patient.postcode'] }).ok).toBe(false);
    expect(v2({ ...incomplete, missingFields: ['receivingOrganisation'] }).ok).toBe(false);
  });

  it('refuses free text and patient data', () => {
    expect(v2({ ...incomplete, reason: 'Low mood' }).ok).toBe(false);
    expect(v2({ ...incomplete, patientName: 'Ann Example' }).ok).toBe(false);
    expect(v2({ ...incomplete, completeness: 'partly' }).ok).toBe(false);
  });

  it('leaves v1 as it was: a referral-received v1 still needs an urgency', () => {
    const { completeness: _c, missingFields: _m, urgentTriageReasons: _u, completedAt: _d, ...v1 } = incomplete;
    expect(validateIntegrationEvent({ type: 'referrals.referral-received', version: 1, data: v1 }).ok).toBe(false);
    expect(validateIntegrationEvent({ type: 'referrals.referral-received', version: 1, data: { ...v1, urgency: 'urgent' } })).toEqual({ ok: true });
  });
});
