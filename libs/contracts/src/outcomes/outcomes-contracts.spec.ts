import { validateIntegrationEvent } from '../registry';

const event = (type: string, data: unknown) => ({ type, version: 1, data });

describe('outcomes v1 contracts', () => {
  it('accepts a measure recorded with a total, and one reported item by item with nulls', () => {
    const base = {
      responseId: 'r-1', episodeId: 'e-1', appointmentId: null, questionnaireCode: 'PHQ-9', questionnaireVersion: '1', completedBy: 'patient',
      total: 14, severityBand: 'moderate', atCaseness: true, riskSignalled: false, takenAt: '2026-11-21T09:00:00.000Z',
    };
    expect(validateIntegrationEvent(event('outcomes.measure-recorded', base))).toEqual({ ok: true });
    expect(
      validateIntegrationEvent(event('outcomes.measure-recorded', { ...base, questionnaireCode: 'ONS4', total: null, severityBand: null, atCaseness: null })),
    ).toEqual({ ok: true });
  });

  it('refuses a risk alert with an unknown urgency or an organisation that is not an ODS code, naming the fields', () => {
    const result = validateIntegrationEvent(
      event('outcomes.risk-alert-raised', {
        alertId: 'a-1', responseId: 'r-1', episodeId: 'e-1', organisationId: 'Talking Therapies', signal: 'thoughts-of-self-harm', urgency: 'soon', raisedAt: '2026-11-21T09:00:00.000Z',
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join(' ')).toMatch(/organisationId[\s\S]*urgency|urgency[\s\S]*organisationId/);
  });

  it('refuses an acknowledgement whose action is free text', () => {
    const result = validateIntegrationEvent(
      event('outcomes.risk-alert-acknowledged', { alertId: 'a-1', episodeId: 'e-1', organisationId: 'RXT01', actionTaken: 'rang her mum', acknowledgedAt: '2026-11-21T09:00:00.000Z' }),
    );
    expect(result.ok).toBe(false);
  });

  it('refuses a not-on-track event with an unknown reason', () => {
    const result = validateIntegrationEvent(
      event('outcomes.episode-not-on-track', { episodeId: 'e-1', ruleSetVersion: 'v1', reason: 'vibes', attendedTreatmentSessions: 4, detectedAt: '2026-11-21T09:00:00.000Z' }),
    );
    expect(result.ok).toBe(false);
  });
});
