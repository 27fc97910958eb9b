import { validateIntegrationEvent } from '@stepwell/contracts';
import type { RecordedEvent } from '@stepwell/event-store';
import { computeEpisodeOutcome, ruleSetV1 } from '../domain';
import { episode } from '../domain/testing/episode-facts.builder';
import { mapOutcomesEvent } from './outcomes-events.mapping';

const recorded = (type: string, data: unknown): RecordedEvent => ({
  id: '7d6c1c9e-3b2a-4f7e-9a51-0c1d2e3f4a5b',
  streamId: 'response-r-1',
  revision: 0,
  globalPosition: 1,
  recordedAt: '2026-11-21T09:00:00.000Z',
  hash: 'h',
  type,
  data,
  metadata: {
    occurredAt: '2026-11-21T09:00:00.000Z',
    correlationId: 'corr-1',
    causationId: null,
    actor: { userId: 'u-tt-1', organisationId: 'RXT01', role: 'clinician' },
    patientSubjectId: 'p-1',
    schemaVersion: 1,
  },
});

const outcome = computeEpisodeOutcome(episode([14, 10, 7], [12, 9, 5]), ruleSetV1);

describe('mapOutcomesEvent', () => {
  it.each([
    [
      'ResponseRecorded',
      {
        responseId: 'r-1', patientSubjectId: 'p-1', episodeId: 'e-1', appointmentId: null, questionnaireCode: 'PHQ-9', questionnaireVersion: '1',
        completedBy: 'patient', answers: [{ linkId: 'phq9-9', value: 2 }], total: 14, severityBand: 'moderate', atCaseness: true,
        riskSignals: [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: 2 }], recordedAt: '2026-11-21T09:00:00.000Z',
      },
      'outcomes.measure-recorded',
    ],
    [
      'RiskAlertRaised',
      { alertId: 'r-1', responseId: 'r-1', patientSubjectId: 'p-1', episodeId: 'e-1', organisationId: 'RXT01', signal: 'thoughts-of-self-harm', urgency: 'urgent', raisedAt: '2026-11-21T09:00:00.000Z' },
      'outcomes.risk-alert-raised',
    ],
    [
      'RiskAlertAcknowledged',
      { alertId: 'r-1', episodeId: 'e-1', organisationId: 'RXT01', actionTaken: 'contacted-patient', note: 'private note', acknowledgedAt: '2026-11-21T09:10:00.000Z' },
      'outcomes.risk-alert-acknowledged',
    ],
    [
      'RiskAlertEscalated',
      { alertId: 'r-1', episodeId: 'e-1', organisationId: 'RXT01', raisedAt: '2026-11-21T09:00:00.000Z', acknowledgeWithinMinutes: 60, escalatedAt: '2026-11-21T10:00:00.000Z' },
      'outcomes.risk-alert-escalated',
    ],
    [
      'EpisodeNotOnTrack',
      { episodeId: 'e-1', patientSubjectId: 'p-1', ruleSetVersion: 'v1', reason: 'reliable-deterioration', attendedTreatmentSessions: 2, explanation: 'x', detectedAt: '2026-03-01T09:00:00.000Z' },
      'outcomes.episode-not-on-track',
    ],
  ])('publishes %s as its valid outcomes v1 contract, keyed by the patient', (type, data, contract) => {
    const [event, ...rest] = mapOutcomesEvent(recorded(type, data));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: contract, version: 1, patientSubjectId: 'p-1', correlationId: 'corr-1' });
    expect(validateIntegrationEvent(event!)).toEqual({ ok: true });
  });

  it('H-O7: publishes a recorded outcome as v1 (frozen) and v2 with its recorded version, both valid', () => {
    const data = { episodeId: 'e-1', patientSubjectId: 'p-1', outcome, computedAt: '2026-03-01T09:00:00.000Z', recordedVersion: 1, correctionReason: null };
    const [v1, v2, ...rest] = mapOutcomesEvent(recorded('OutcomeFlagsComputed', data));
    expect(rest).toEqual([]);
    expect(v1).toMatchObject({ type: 'outcomes.outcome-flags-computed', version: 1, patientSubjectId: 'p-1' });
    expect(v1?.data).not.toHaveProperty('recordedVersion');
    expect(v2).toMatchObject({ type: 'outcomes.outcome-flags-computed', version: 2, patientSubjectId: 'p-1', data: { recordedVersion: 1, correctionReason: null } });
    expect(validateIntegrationEvent(v1!)).toEqual({ ok: true });
    expect(validateIntegrationEvent(v2!)).toEqual({ ok: true });
  });

  it('H-O7: publishes a later correction as a visible new version with its reason (v2), the flags as in v1', () => {
    const data = {
      episodeId: 'e-1', patientSubjectId: 'p-1', outcome, computedAt: '2026-03-02T09:00:00.000Z', recordedVersion: 2, correctionReason: 'attendance-recorded-after-discharge',
    };
    const [v1, v2] = mapOutcomesEvent(recorded('OutcomeFlagsComputed', data));
    expect(v2?.data).toMatchObject({ recordedVersion: 2, correctionReason: 'attendance-recorded-after-discharge', recovery: true });
    expect(v2?.data).toMatchObject(v1!.data as object);
    expect(validateIntegrationEvent(v2!)).toEqual({ ok: true });
  });

  it('H-O7: publishes an outcome recorded before versions were kept with a null version and reason', () => {
    const [, v2] = mapOutcomesEvent(recorded('OutcomeFlagsComputed', { episodeId: 'e-1', patientSubjectId: 'p-1', outcome, computedAt: '2026-03-01T09:00:00.000Z' }));
    expect(v2?.data).toMatchObject({ recordedVersion: null, correctionReason: null });
    expect(validateIntegrationEvent(v2!)).toEqual({ ok: true });
  });

  it('keeps answers, notes and explanations out of what it publishes', () => {
    const published = [
      ...mapOutcomesEvent(recorded('RiskAlertAcknowledged', { alertId: 'r-1', episodeId: 'e-1', organisationId: 'RXT01', actionTaken: 'contacted-patient', note: 'private note', acknowledgedAt: '2026-11-21T09:10:00.000Z' })),
      ...mapOutcomesEvent(recorded('OutcomeFlagsComputed', { episodeId: 'e-1', patientSubjectId: 'p-1', outcome, computedAt: '2026-03-01T09:00:00.000Z' })),
    ];
    const text = JSON.stringify(published.map((e) => e.data));
    expect(text).not.toContain('private note');
    expect(text).not.toContain('recovered:');
    expect(published[1]?.data).toMatchObject({ recovery: true, reliableImprovement: true, ruleSetVersion: 'v1', anxietyMeasure: 'GAD-7' });
  });

  it('H-M3: publishes when the measure was completed as takenAt, not when it was keyed in', () => {
    const data = {
      responseId: 'r-1', patientSubjectId: 'p-1', episodeId: 'e-1', appointmentId: null, questionnaireCode: 'PHQ-9', questionnaireVersion: '1',
      completedBy: 'clinician', answers: [], total: 9, severityBand: 'mild', atCaseness: false, riskSignals: [],
      recordedAt: '2026-11-21T09:00:00.000Z', completedAt: '2026-11-14T15:00:00.000Z',
    };
    expect(mapOutcomesEvent(recorded('ResponseRecorded', data))[0]?.data).toMatchObject({ takenAt: '2026-11-14T15:00:00.000Z' });
  });

  it('publishes nothing for a problem descriptor or an event of another kind', () => {
    expect(mapOutcomesEvent(recorded('ProblemDescriptorRecorded', { episodeId: 'e-1' }))).toEqual([]);
    expect(mapOutcomesEvent(recorded('PatientRecordAccessed', {}))).toEqual([]);
  });
});
