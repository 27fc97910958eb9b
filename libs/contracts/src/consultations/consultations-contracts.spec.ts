import { validateIntegrationEvent } from '../registry';

const event = (type: string, data: unknown) => ({ type, version: 1, data });
const at = new Date(0).toISOString();

describe('consultations v1 contracts', () => {
  it('accepts a request about an identified patient and one about an anonymous case', () => {
    const base = { consultationId: 'c-1', requestingOrganisationId: 'A81001', consultationServiceId: 'PCPCS1', urgency: 'routine', patientIdentified: true, requestedAt: at };
    expect(validateIntegrationEvent(event('consultations.consultation-requested', base))).toEqual({ ok: true });
    expect(validateIntegrationEvent(event('consultations.consultation-requested', { ...base, patientIdentified: false }))).toEqual({ ok: true });
  });

  it('refuses an answer whose outcome is free text, naming the field', () => {
    const result = validateIntegrationEvent(
      event('consultations.consultation-answered', { consultationId: 'c-1', requestingOrganisationId: 'A81001', consultationServiceId: 'PCPCS1', outcome: 'see the notes', answeredAt: at }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toMatch(/outcome/);
  });

  it('accepts a referral request to secondary care and refuses one to a step that does not exist', () => {
    const base = {
      referralRequestId: 'rr-1', consultationId: 'c-1', referringOrganisationId: 'A81001', receivingOrganisationId: 'RXT01',
      targetStep: 'secondary-care', urgency: 'routine', outcome: 'refer-to-secondary-care', requestedAt: at,
    };
    expect(validateIntegrationEvent(event('consultations.referral-requested', base))).toEqual({ ok: true });
    const result = validateIntegrationEvent(event('consultations.referral-requested', { ...base, targetStep: 'step-9' }));
    expect(!result.ok && result.problems.join(' ')).toMatch(/targetStep/);
  });

  it('refuses a step-change proposal whose providing organisation is not an ODS code', () => {
    const result = validateIntegrationEvent(
      event('consultations.step-change-proposed', { proposalId: 'p-1', consultationId: 'c-1', episodeId: 'e-1', providingOrganisationId: 'the CMHT', proposedStep: 'step-3', proposedAt: at }),
    );
    expect(!result.ok && result.problems.join(' ')).toMatch(/providingOrganisationId/);
  });

  it('refuses a care thread flagged after a single refusal', () => {
    const data = { threadId: 't-1', referringOrganisationId: 'A81001', refusingOrganisationIds: ['RXT01'], refusalCount: 1, riskIndicated: false, flaggedAt: at };
    const result = validateIntegrationEvent(event('referrals.care-thread-flagged', data));
    expect(!result.ok && result.problems.join(' ')).toMatch(/refusalCount/);
    expect(validateIntegrationEvent(event('referrals.care-thread-flagged', { ...data, refusingOrganisationIds: ['RXT01', 'TT001'], refusalCount: 2 }))).toEqual({ ok: true });
  });
});

describe('consultations v2 referral-requested (hazard H-CB1)', () => {
  const v2 = (data: unknown) => ({ type: 'consultations.referral-requested', version: 2, data });
  const base = {
    referralRequestId: 'rr-1', consultationId: 'c-1', referringOrganisationId: 'A81001', consultationServiceId: 'PCPCS1', receivingOrganisationId: 'RXT01',
    targetStep: 'secondary-care', urgency: 'urgent', outcome: 'refer-to-secondary-care',
    riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
    presentingProblems: ['low-mood', 'panic'],
    consent: { personConsented: true, obtainedBy: 'specialist', obtainedAt: at },
    requestedAt: at,
  };

  it('accepts a request carrying the risk answers, presenting problem codes and the confirmed consent', () => {
    expect(validateIntegrationEvent(v2(base))).toEqual({ ok: true });
  });

  it.each([
    ['riskIndicators', { ...base, riskIndicators: undefined }],
    ['riskIndicators.suicidalThoughts', { ...base, riskIndicators: { selfHarm: false, harmToOthers: false } }],
    ['riskIndicators.selfHarm', { ...base, riskIndicators: { ...base.riskIndicators, selfHarm: 'no' } }],
    ['presentingProblems', { ...base, presentingProblems: [] }],
    ['presentingProblems', { ...base, presentingProblems: ['feels low since her divorce'] }],
    ['consent', { ...base, consent: undefined }],
    ['consent.personConsented', { ...base, consent: { ...base.consent, personConsented: false } }],
    ['consent.obtainedBy', { ...base, consent: { ...base.consent, obtainedBy: 'Dr Example' } }],
    ['consent.obtainedAt', { ...base, consent: { ...base.consent, obtainedAt: 'yesterday' } }],
  ])('refuses a request without a valid %s, naming it', (field, data) => {
    const result = validateIntegrationEvent(v2(data));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toContain(`data.${field}`);
  });

  it('refuses free text riding along in the consent or the risk answers', () => {
    const withNotes = { ...base, riskIndicators: { ...base.riskIndicators, notes: 'said she has a plan' } };
    expect(validateIntegrationEvent(v2(withNotes)).ok).toBe(false);
    const withName = { ...base, consent: { ...base.consent, personName: 'Ann Example' } };
    expect(validateIntegrationEvent(v2(withName)).ok).toBe(false);
  });

  it('leaves v1 as it was: a v1 request without the intake fields stays valid', () => {
    const { consultationServiceId: _s, riskIndicators: _r, presentingProblems: _p, consent: _c, ...v1 } = base;
    expect(validateIntegrationEvent(event('consultations.referral-requested', v1))).toEqual({ ok: true });
  });
});

describe('consultations v1 mdt-referral-requested and mdt-step-change-proposed (issue 16 item 6, hazard H-MR1)', () => {
  const v1 = (type: string, data: unknown) => ({ type, version: 1, data });
  const base = {
    referralRequestId: 'rr-1', meetingId: 'm-1', caseId: 'case-1', hostOrganisationId: 'PCP01', presentingOrganisationId: 'A81001', receivingOrganisationId: 'RXT01',
    targetStep: 'secondary-care', urgency: 'urgent', decision: 'refer-to-secondary-care',
    riskIndicators: { selfHarm: false, suicidalThoughts: true, harmToOthers: false },
    presentingProblems: ['complex-trauma'],
    consent: { personConsented: true, obtainedBy: 'requesting-clinician', obtainedAt: at },
    consentNotNeededBecause: null,
    requestedAt: at,
  };

  it('accepts a referral with the confirmed consent, or with the reason consent was not needed', () => {
    expect(validateIntegrationEvent(v1('consultations.mdt-referral-requested', base))).toEqual({ ok: true });
    expect(validateIntegrationEvent(v1('consultations.mdt-referral-requested', { ...base, consent: null, consentNotNeededBecause: 'lacks-capacity-best-interests' }))).toEqual({ ok: true });
  });

  it.each([
    ['consentNotNeededBecause', { ...base, consent: null }],
    ['consentNotNeededBecause', { ...base, consentNotNeededBecause: 'serious-risk-of-harm' }],
    ['consentNotNeededBecause', { ...base, consent: null, consentNotNeededBecause: 'she said it was fine' }],
    ['consent.personConsented', { ...base, consent: { ...base.consent, personConsented: false } }],
    ['caseId', { ...base, caseId: 'the case of Ann' }],
    ['presentingOrganisationId', { ...base, presentingOrganisationId: 'Dr Example’s practice' }],
    ['presentingProblems', { ...base, presentingProblems: ['feels low since her divorce'] }],
    ['riskIndicators.selfHarm', { ...base, riskIndicators: { ...base.riskIndicators, selfHarm: 'no' } }],
  ])('refuses a referral without a valid %s, naming it', (field, data) => {
    const result = validateIntegrationEvent(v1('consultations.mdt-referral-requested', data));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toContain(`data.${field}`);
  });

  it('refuses free text riding along (a summary)', () => {
    expect(validateIntegrationEvent(v1('consultations.mdt-referral-requested', { ...base, summary: 'Complex trauma' })).ok).toBe(false);
  });

  it('accepts a step-change proposal naming the meeting and case, and refuses one to a step that does not exist', () => {
    const proposal = { proposalId: 'sc-1', meetingId: 'm-1', caseId: 'case-1', hostOrganisationId: 'PCP01', presentingOrganisationId: 'A81001', episodeId: 'ep-1', providingOrganisationId: 'RXT01', proposedStep: 'step-3', proposedAt: at };
    expect(validateIntegrationEvent(v1('consultations.mdt-step-change-proposed', proposal))).toEqual({ ok: true });
    const result = validateIntegrationEvent(v1('consultations.mdt-step-change-proposed', { ...proposal, proposedStep: 'step-9' }));
    expect(!result.ok && result.problems.join(' ')).toMatch(/proposedStep/);
  });
});

describe('consultations v1 mdt-case-discussed (hazards H-MF1, H-RT2)', () => {
  const discussed = { meetingId: 'm-1', caseId: 'case-1', hostOrganisationId: 'PCP01', presentingOrganisationId: 'A81001', decision: 'direct-psychological-therapy', discussedAt: at };
  const v1 = (data: unknown) => ({ type: 'consultations.mdt-case-discussed', version: 1, data });

  it('accepts a discussion named by ids, organisations, the coded decision and its time', () => {
    expect(validateIntegrationEvent(v1(discussed))).toEqual({ ok: true });
  });

  it.each([
    ['decision', { ...discussed, decision: 'see her again soon' }],
    ['caseId', { ...discussed, caseId: 'the case of Ann' }],
    ['discussedAt', { ...discussed, discussedAt: 'yesterday' }],
  ])('refuses a discussion without a valid %s, naming it', (field, data) => {
    const result = validateIntegrationEvent(v1(data));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toContain(`data.${field}`);
  });

  it('refuses free text riding along (a summary)', () => {
    expect(validateIntegrationEvent(v1({ ...discussed, summary: 'Complex trauma' })).ok).toBe(false);
  });
});
