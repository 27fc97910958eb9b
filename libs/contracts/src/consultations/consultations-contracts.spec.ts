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
