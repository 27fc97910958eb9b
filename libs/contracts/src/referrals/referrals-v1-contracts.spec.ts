import { validateIntegrationEvent } from '../registry';

const at = '2026-11-21T09:00:00.000Z';
const examples: Record<string, Record<string, unknown>> = {
  'referrals.sharing-consent-changed': { organisationId: 'RY1', organisationType: null, consented: false, source: 'verbal', changedAt: '2026-12-02T10:00:00.000Z' },
  'referrals.national-data-opt-out-changed': { optedOut: true, source: 'national-data-opt-out-service', changedAt: '2026-12-02T10:00:00.000Z' },
  'referrals.urgent-triage-needed': {
    referralId: 'ref-1',
    receivingOrganisationId: 'Y01234',
    urgency: 'crisis',
    reasons: ['crisis-urgency', 'suicidal-thoughts'],
    raisedAt: at,
  },
  'referrals.referral-accepted': {
    referralId: 'ref-1',
    episodeId: 'ep-1',
    step: 'step-2',
    providingOrganisationId: 'RX4',
    receivingOrganisationId: 'Y01234',
    urgency: 'routine',
    referredAt: at,
    acceptedAt: at,
  },
  'referrals.referral-merged': { referralId: 'ref-2', mergedIntoReferralId: 'ref-1', decidedAt: at },
  'referrals.referral-signposted': {
    referralId: 'ref-1',
    receivingOrganisationId: 'Y01234',
    directoryServiceId: null,
    decidedAt: at,
  },
  'referrals.referral-returned': {
    referralId: 'ref-1',
    receivingOrganisationId: 'Y01234',
    referrerOrganisationId: 'B82005',
    decidedAt: at,
  },
  'referrals.referral-referred-on': {
    referralId: 'ref-1',
    destination: 'crisis-team',
    destinationOrganisationId: null,
    decidedAt: at,
  },
  'referrals.referral-declined': { referralId: 'ref-1', reason: 'outside-catchment', decidedAt: at },
  'referrals.episode-opened': {
    episodeId: 'ep-1',
    referralId: 'ref-1',
    step: 'step-3',
    providingOrganisationId: 'RX4',
    urgency: 'urgent',
    referredAt: at,
    openedAt: at,
  },
  'referrals.episode-step-changed': {
    episodeId: 'ep-1',
    fromStep: 'step-2',
    toStep: 'secondary-care',
    fromOrganisationId: 'RX4',
    toOrganisationId: 'RT1',
    direction: 'up',
    changedAt: at,
  },
  'referrals.episode-paused': { episodeId: 'ep-1', pauseId: 'pause-1', pausedAt: at },
  'referrals.episode-resumed': { episodeId: 'ep-1', pauseId: 'pause-1', resumedAt: at },
  'referrals.patient-erasure-decided': {
    erasureId: 'erasure-1',
    patientSubjectIds: ['subject-1', 'subject-2'],
    lawfulBasis: 'art17-1d-unlawfully-processed',
    decidedByOrganisationId: 'RXT01',
    decidedAt: at,
  },
  // Gap watch (issue 18).
  'referrals.care-thread-opened': {
    threadId: 'thread-1',
    referringOrganisationId: 'B82005',
    refusingOrganisationId: 'RXT01',
    outcome: 'decline',
    riskIndicated: false,
    openedAt: at,
  },
  'referrals.care-thread-overdue': {
    threadId: 'thread-1',
    referringOrganisationId: 'B82005',
    overdueAfterDays: 14,
    riskIndicated: false,
    openedAt: at,
    dueAt: at,
    detectedAt: at,
  },
  'referrals.care-thread-resolved': {
    threadId: 'thread-1',
    referringOrganisationId: 'B82005',
    how: 'care-accepted',
    acceptanceSource: 'referral-accepted',
    acceptingOrganisationId: 'RY1',
    closeReason: null,
    daysOpen: 12,
    resolvedAt: at,
  },
  'referrals.episode-discharged': {
    episodeId: 'ep-1',
    reason: 'completed',
    providingOrganisationId: 'RX4',
    dischargedAt: at,
  },
};

describe('referrals v1 contracts', () => {
  it.each(Object.entries(examples))('accepts a well-formed %s v1', (type, data) => {
    expect(validateIntegrationEvent({ type, version: 1, data })).toEqual({ ok: true });
  });

  it.each(Object.entries(examples))('rejects %s v1 carrying a patient name', (type, data) => {
    const result = validateIntegrationEvent({ type, version: 1, data: { ...data, patientName: 'Ann Example' } });
    expect(result.ok).toBe(false);
  });

  it('rejects an urgent triage with no reason', () => {
    const data = { ...examples['referrals.urgent-triage-needed'], reasons: [] };
    expect(validateIntegrationEvent({ type: 'referrals.urgent-triage-needed', version: 1, data }).ok).toBe(false);
  });

  it('rejects a step that is not a step of stepped care', () => {
    const data = { ...examples['referrals.episode-step-changed'], toStep: 'step-9' };
    expect(validateIntegrationEvent({ type: 'referrals.episode-step-changed', version: 1, data }).ok).toBe(false);
  });

  it('rejects a free-text decline reason', () => {
    const data = { ...examples['referrals.referral-declined'], reason: 'she lives in Leeds now' };
    expect(validateIntegrationEvent({ type: 'referrals.referral-declined', version: 1, data }).ok).toBe(false);
  });

  it('rejects a consent-to-share change naming both an organisation and a type, or neither, or an unknown type', () => {
    const data = examples['referrals.sharing-consent-changed'];
    const valid = (d: Record<string, unknown>) => validateIntegrationEvent({ type: 'referrals.sharing-consent-changed', version: 1, data: d }).ok;
    expect(valid({ ...data, organisationId: null, organisationType: 'voluntary-sector' })).toBe(true);
    expect(valid({ ...data, organisationType: 'voluntary-sector' })).toBe(false);
    expect(valid({ ...data, organisationId: null })).toBe(false);
    expect(valid({ ...data, organisationId: null, organisationType: 'commissioner' })).toBe(false);
    expect(valid({ ...data, organisationId: 'not an ods code' })).toBe(false);
    expect(valid({ ...data, consented: 'no' })).toBe(false);
  });

  it('rejects an opt-out change that is not a yes/no or names an unknown source', () => {
    const data = examples['referrals.national-data-opt-out-changed'];
    expect(validateIntegrationEvent({ type: 'referrals.national-data-opt-out-changed', version: 1, data: { ...data, optedOut: 'yes' } }).ok).toBe(false);
    expect(validateIntegrationEvent({ type: 'referrals.national-data-opt-out-changed', version: 1, data: { ...data, source: 'rumour' } }).ok).toBe(false);
  });

  it('rejects a care thread closed for a free-text reason, or resolved in an unknown way', () => {
    const data = examples['referrals.care-thread-resolved']!;
    expect(validateIntegrationEvent({ type: 'referrals.care-thread-resolved', version: 1, data: { ...data, how: 'closed-by-referrer', closeReason: 'she moved to Leeds' } }).ok).toBe(false);
    expect(validateIntegrationEvent({ type: 'referrals.care-thread-resolved', version: 1, data: { ...data, how: 'given-up' } }).ok).toBe(false);
    expect(validateIntegrationEvent({ type: 'referrals.care-thread-opened', version: 1, data: { ...examples['referrals.care-thread-opened'], outcome: 'accept' } }).ok).toBe(false);
  });
});
