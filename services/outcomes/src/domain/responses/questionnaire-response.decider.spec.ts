import { givenFor } from '@stepwell/decider/testing';
import { findQuestionnaire } from '../questionnaires/questionnaire-catalogue';
import { answersTotalling } from '../testing/answers.builder';
import {
  questionnaireResponseDecider,
  type QuestionnaireResponseEvent,
  type RecordResponse,
  type ResponseRecorded,
  type RiskAlertRaised,
} from './questionnaire-response.decider';

const given = givenFor(questionnaireResponseDecider);
const phq9 = findQuestionnaire('PHQ-9');
const at = '2026-11-21T09:00:00.000Z';

const record = (item9: number, total = 12): RecordResponse => ({
  type: 'RecordResponse',
  data: {
    responseId: 'r-1',
    patientSubjectId: 'p-1',
    episodeId: 'e-1',
    appointmentId: null,
    questionnaireCode: 'PHQ-9',
    questionnaireVersion: '1',
    completedBy: 'patient',
    answers: answersTotalling(phq9, total, { 'phq9-9': item9 }),
    alertOrganisationId: 'RXT01',
    recordedAt: at,
  },
});

const recorded = (command: RecordResponse, signals: ResponseRecorded['data']['riskSignals']): ResponseRecorded => ({
  type: 'ResponseRecorded',
  data: {
    responseId: 'r-1',
    patientSubjectId: 'p-1',
    episodeId: 'e-1',
    appointmentId: null,
    questionnaireCode: 'PHQ-9',
    questionnaireVersion: '1',
    completedBy: 'patient',
    answers: command.data.answers,
    total: 12,
    severityBand: 'moderate',
    atCaseness: true,
    riskSignals: signals,
    complete: true,
    missingLinkIds: [],
    recordedAt: at,
    completedAt: at,
  },
});

const raised = (urgency: 'urgent' | 'high'): RiskAlertRaised => ({
  type: 'RiskAlertRaised',
  data: {
    alertId: 'r-1',
    responseId: 'r-1',
    patientSubjectId: 'p-1',
    episodeId: 'e-1',
    organisationId: 'RXT01',
    signal: 'thoughts-of-self-harm',
    urgency,
    namedClinician: null,
    raisedAt: at,
  },
});

const acknowledge = { type: 'AcknowledgeRiskAlert' as const, data: { alertId: 'r-1', actionTaken: 'contacted-patient' as const, note: null, acknowledgedAt: '2026-11-21T09:30:00.000Z', byOrganisationId: 'RXT01' } };
const escalate = (escalatedAt: string) => ({ type: 'EscalateRiskAlert' as const, data: { alertId: 'r-1', acknowledgeWithinMinutes: 60, escalatedAt } });
const acknowledged = {
  type: 'RiskAlertAcknowledged' as const,
  data: { alertId: 'r-1', episodeId: 'e-1', organisationId: 'RXT01', actionTaken: 'contacted-patient' as const, note: null, acknowledgedAt: '2026-11-21T09:30:00.000Z' },
};
const escalated = (escalatedAt: string) => ({
  type: 'RiskAlertEscalated' as const,
  data: {
    alertId: 'r-1',
    episodeId: 'e-1',
    organisationId: 'RXT01',
    raisedAt: at,
    acknowledgeWithinMinutes: 60,
    escalatedAt,
    escalatedTo: 'duty-clinician' as const,
    visibleTo: 'clinical-lead' as const,
  },
});

describe('questionnaire response decider', () => {
  it('records a scored response with no alert when PHQ-9 item 9 is 0', () => {
    const command = record(0);
    given([]).when(command).then([recorded(command, [])]);
  });

  it.each([
    [1, 'high'],
    [2, 'urgent'],
    [3, 'urgent'],
  ] as const)('raises a risk alert with the response when item 9 is %i (%s)', (item9, urgency) => {
    const command = record(item9);
    given([]).when(command).then([
      recorded(command, [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: item9 }]),
      raised(urgency),
    ]);
  });

  it('refuses a response with no answers at all and records nothing', () => {
    const command = record(0);
    given([]).when({ ...command, data: { ...command.data, answers: [] } }).thenThrows('INVALID_RESPONSE');
  });

  // Issue 12 item 9 (H-R3): refused whole before, so the risk answer in it was lost.
  it('keeps a PHQ-9 with only item 9 answered as unscored and raises the alert, named to the clinician given', () => {
    const command = record(2);
    const onlyItem9 = { linkId: 'phq9-9', value: 2 };
    const named = { id: 'clin-7', source: 'appointment' as const };
    given([])
      .when({ ...command, data: { ...command.data, answers: [onlyItem9], alertClinician: named } })
      .then([
        {
          type: 'ResponseRecorded',
          data: {
            ...recorded(command, [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: 2 }]).data,
            answers: [onlyItem9],
            total: null,
            severityBand: null,
            atCaseness: null,
            complete: false,
            missingLinkIds: ['phq9-1', 'phq9-2', 'phq9-3', 'phq9-4', 'phq9-5', 'phq9-6', 'phq9-7', 'phq9-8'],
          },
        },
        { ...raised('urgent'), data: { ...raised('urgent').data, namedClinician: named } },
      ]);
  });

  // Issue 10 "acknowledging another organisation's alert" (H-R2): any related organisation could silence it.
  it("refuses an acknowledgement from an organisation the alert is not addressed to, and decides nothing", () => {
    given(withAlert())
      .when({ ...acknowledge, data: { ...acknowledge.data, byOrganisationId: 'A81001' } })
      .thenThrows('RISK_ALERT_NOT_ADDRESSED_TO_CALLER');
  });

  it('refuses to record the same response twice', () => {
    const command = record(0);
    given([recorded(command, [])]).when(command).thenThrows('RESPONSE_ALREADY_RECORDED');
  });

  const withAlert = (): QuestionnaireResponseEvent[] => {
    const command = record(2);
    return [recorded(command, [{ kind: 'thoughts-of-self-harm', linkId: 'phq9-9', answer: 2 }]), raised('urgent')];
  };

  it('acknowledges an open alert once; a second acknowledgement changes nothing', () => {
    given(withAlert()).when(acknowledge).then([acknowledged]);
    given([...withAlert(), acknowledged]).when(acknowledge).then([]);
  });

  it('refuses to acknowledge a response that raised no alert', () => {
    given([recorded(record(0), [])]).when(acknowledge).thenThrows('RISK_ALERT_NOT_FOUND');
  });

  it('escalates an alert left open past the limit, once, and not before the limit', () => {
    given(withAlert()).when(escalate('2026-11-21T09:59:59.999Z')).then([]);
    given(withAlert()).when(escalate('2026-11-21T10:00:00.000Z')).then([escalated('2026-11-21T10:00:00.000Z')]);
    given([...withAlert(), escalated('2026-11-21T10:00:00.000Z')]).when(escalate('2026-11-21T11:00:00.000Z')).then([]);
  });

  it('does not escalate an acknowledged alert', () => {
    given([...withAlert(), acknowledged]).when(escalate('2026-11-22T00:00:00.000Z')).then([]);
  });
});

describe('questionnaire response: when the measure was completed (issue 12 item 3)', () => {
  const hours = (n: number) => new Date(Date.parse(at) + n * 3_600_000).toISOString();
  const withTimes = (extra: Partial<RecordResponse['data']>): RecordResponse => ({ ...record(0), data: { ...record(0).data, ...extra } });
  const recordedEvent = (command: RecordResponse) =>
    questionnaireResponseDecider.decide(command, questionnaireResponseDecider.initialState)[0] as ResponseRecorded;

  it('H-M3: keeps when the measure was completed beside when it was keyed in', () => {
    const event = recordedEvent(withTimes({ completedAt: hours(-72) }));
    expect(event.data).toMatchObject({ completedAt: hours(-72), recordedAt: at });
    expect(event.data.lateEntryAfterDischarge).toBeUndefined();
  });

  it('H-M3: refuses a completion time after the moment it is keyed in', () => {
    expect(() => recordedEvent(withTimes({ completedAt: hours(1) }))).toThrow(
      expect.objectContaining({ code: 'INVALID_RESPONSE', details: expect.objectContaining({ reason: 'completed-after-recorded' }) }),
    );
  });

  it('H-M3: takes a late entry after discharge for a contact on the discharge date, and says so in the event', () => {
    const dischargedAt = hours(-48);
    const event = recordedEvent(withTimes({ completedAt: hours(-50), episodeDischargedAt: dischargedAt }));
    expect(event.data).toMatchObject({ completedAt: hours(-50), lateEntryAfterDischarge: { dischargedAt } });
    // Later on the discharge date than the discharge itself still counts as "on the discharge date".
    const sameDay = new Date(Date.parse(dischargedAt)).toISOString().slice(0, 10) + 'T23:59:00.000Z';
    expect(Date.parse(sameDay)).toBeLessThan(Date.parse(at));
    expect(recordedEvent(withTimes({ completedAt: sameDay, episodeDischargedAt: dischargedAt })).data.lateEntryAfterDischarge).toEqual({ dischargedAt });
  });

  it('H-M3: refuses, after discharge, a measure completed after the discharge date', () => {
    const dischargedAt = hours(-72);
    expect(() => recordedEvent(withTimes({ completedAt: hours(-1), episodeDischargedAt: dischargedAt }))).toThrow(
      expect.objectContaining({ code: 'EPISODE_DISCHARGED' }),
    );
  });
});
