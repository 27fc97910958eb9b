import { validateIntegrationEvent } from '../registry';
import { supersedesRecordedOutcome } from './v2';

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

describe('outcomes.outcome-flags-computed v2 (issue 12 item 12)', () => {
  const v1 = {
    episodeId: 'e-1', ruleSetVersion: 'v1', depressionMeasure: 'PHQ-9', anxietyMeasure: 'GAD-7', pairedScores: true, finishedCourse: true,
    casenessAtStart: true, recovery: true, reliableImprovement: true, reliableDeterioration: false, reliableRecovery: true, noReliableChange: false,
    computedAt: '2026-11-21T09:00:00.000Z',
  };
  const v2 = (data: unknown) => ({ type: 'outcomes.outcome-flags-computed', version: 2, data });

  it('accepts the outcome at discharge (version 1, no reason) and a correction with its reason', () => {
    expect(validateIntegrationEvent(v2({ ...v1, recordedVersion: 1, correctionReason: null }))).toEqual({ ok: true });
    expect(validateIntegrationEvent(v2({ ...v1, recordedVersion: 3, correctionReason: 'measure-entered-after-discharge' }))).toEqual({ ok: true });
  });

  it('refuses a v2 without its version fields, an unknown reason or version 0, and keeps v1 frozen (no version fields)', () => {
    expect(validateIntegrationEvent(v2(v1)).ok).toBe(false);
    expect(validateIntegrationEvent(v2({ ...v1, recordedVersion: 2, correctionReason: 'changed my mind' })).ok).toBe(false);
    expect(validateIntegrationEvent(v2({ ...v1, recordedVersion: 0, correctionReason: null })).ok).toBe(false);
    expect(validateIntegrationEvent(event('outcomes.outcome-flags-computed', v1))).toEqual({ ok: true });
    expect(validateIntegrationEvent(event('outcomes.outcome-flags-computed', { ...v1, recordedVersion: 1, correctionReason: null })).ok).toBe(false);
  });

  it('lets a consumer replace what it holds only by a later version', () => {
    expect(supersedesRecordedOutcome({ recordedVersion: 2 }, { recordedVersion: 1 })).toBe(true);
    expect(supersedesRecordedOutcome({ recordedVersion: 1 }, { recordedVersion: 2 })).toBe(false);
    expect(supersedesRecordedOutcome({ recordedVersion: 2 }, { recordedVersion: 2 })).toBe(false);
    expect(supersedesRecordedOutcome({ recordedVersion: 1 }, null)).toBe(true);
  });
});
