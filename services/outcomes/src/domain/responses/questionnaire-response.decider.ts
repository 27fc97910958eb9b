import { assertNever, type Decider, type PersonalFieldsOf } from '@stepwell/decider';
import { OutcomesDomainError } from '../outcomes-domain.error';
import { scoreResponseTo } from '../scoring/score-response';
import type { ItemAnswer, RiskSignal } from '../scoring/scored-response';

/**
 * One questionnaire response and the risk alert it may raise, in one stream (`response-<id>`).
 * Keeping the alert in the response's stream makes "recorded" and "alert raised" one atomic append: an answer
 * that signals risk can never be stored without its alert. The alert's id is the response's id.
 */
export const questionnaireResponseStreamId = (responseId: string): string => `response-${responseId}`;
export const QUESTIONNAIRE_RESPONSE_CATEGORY = 'response';

export type CompletedBy = 'patient' | 'clinician';
/** `urgent`: item 9 answered "more than half the days" or worse; `high`: "several days". */
export type RiskAlertUrgency = 'urgent' | 'high';
export type RiskAction =
  | 'contacted-patient'
  | 'safety-plan-reviewed'
  | 'referred-to-crisis-team'
  | 'emergency-services-called'
  | 'discussed-with-supervisor'
  | 'no-further-action-needed';

export interface RecordResponse {
  type: 'RecordResponse';
  data: {
    responseId: string;
    patientSubjectId: string;
    episodeId: string;
    appointmentId: string | null;
    questionnaireCode: string;
    questionnaireVersion: string;
    completedBy: CompletedBy;
    answers: readonly ItemAnswer[];
    /** The organisation providing the person's current step: the one an alert is for (its duty queue). */
    alertOrganisationId: string;
    /** The named clinician an alert is addressed to, beside the duty queue (issue 12 item 8); null if none known. */
    alertClinician?: NamedClinician | null;
    recordedAt: string;
    /**
     * When the measure was completed (the care contact's date): what "first" and "last" are judged by. Given by
     * the caller, else the attended appointment's time, else `recordedAt`. Never after `recordedAt`.
     */
    completedAt?: string;
    /** Set when the episode is discharged: only a measure completed on or before the discharge date is taken. */
    episodeDischargedAt?: string | null;
  };
}

/**
 * Who a risk alert names: the episode's care coordinator, the clinician of the appointment the measure belongs to,
 * the clinician of the episode's latest appointment, or the provider's clinician who recorded it.
 */
export type NamedClinicianSource = 'care-coordinator' | 'appointment' | 'latest-appointment' | 'recorded-by';
export interface NamedClinician {
  id: string;
  source: NamedClinicianSource;
}

export interface AcknowledgeRiskAlert {
  type: 'AcknowledgeRiskAlert';
  /** `byOrganisationId`: the caller's organisation; only the organisation the alert is addressed to may close it. */
  data: { alertId: string; actionTaken: RiskAction; note: string | null; acknowledgedAt: string; byOrganisationId: string };
}

export interface EscalateRiskAlert {
  type: 'EscalateRiskAlert';
  data: { alertId: string; acknowledgeWithinMinutes: number; escalatedAt: string };
}

export type QuestionnaireResponseCommand = RecordResponse | AcknowledgeRiskAlert | EscalateRiskAlert;

export interface ResponseRecorded {
  type: 'ResponseRecorded';
  data: {
    responseId: string;
    patientSubjectId: string;
    episodeId: string;
    appointmentId: string | null;
    questionnaireCode: string;
    questionnaireVersion: string;
    completedBy: CompletedBy;
    /** Answers in item order (kept private to this service: never published). */
    answers: readonly ItemAnswer[];
    total: number | null;
    severityBand: string | null;
    atCaseness: boolean | null;
    riskSignals: readonly RiskSignal[];
    /**
     * False for a response with items left unanswered: stored unscored (total, band and caseness null) so that a
     * risk answer in it is never lost (issue 12 item 9). Absent on events recorded before: they were complete.
     */
    complete?: boolean;
    /** The items left unanswered (empty when complete). */
    missingLinkIds?: readonly string[];
    /** When it was keyed in. */
    recordedAt: string;
    /** When the measure was completed (absent on responses recorded before it was kept: read as `recordedAt`). */
    completedAt?: string;
    /** The published conversion of the raw `total` (SWEMWBS metric score), labelled; only where one applies. */
    convertedScore?: { label: 'metric'; value: number };
    /** Items answered "does not apply" (WSAS item 1 "not working"), left out of the total; only when any. */
    notApplicableItems?: readonly string[];
    /**
     * Present when the response was entered after the episode's discharge for a contact on or before the
     * discharge date: the event says so, and the episode's outcome is computed again with it.
     */
    lateEntryAfterDischarge?: { dischargedAt: string };
  };
}

/** The calendar day (UTC) of an ISO date-time: late entry is judged by the discharge date, not its time. */
const dayOf = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

export interface RiskAlertRaised {
  type: 'RiskAlertRaised';
  data: {
    alertId: string;
    responseId: string;
    patientSubjectId: string;
    episodeId: string;
    organisationId: string;
    signal: RiskSignal['kind'];
    urgency: RiskAlertUrgency;
    /** Addressed to this clinician and to `organisationId`'s duty queue; null: the duty queue alone. */
    namedClinician?: NamedClinician | null;
    raisedAt: string;
  };
}

/** An escalated alert goes to the duty role of the addressed organisation and shows to its clinical lead. */
export const ESCALATION_ROUTE = { escalatedTo: 'duty-clinician', visibleTo: 'clinical-lead' } as const;

/** Carries the alert's episode and organisation so that the event can be published on its own. */
export interface RiskAlertAcknowledged {
  type: 'RiskAlertAcknowledged';
  data: {
    alertId: string;
    episodeId: string;
    organisationId: string;
    actionTaken: RiskAction;
    /** The clinician's note: private to this service, never published. */
    note: string | null;
    acknowledgedAt: string;
  };
}

export interface RiskAlertEscalated {
  type: 'RiskAlertEscalated';
  data: {
    alertId: string;
    episodeId: string;
    organisationId: string;
    raisedAt: string;
    acknowledgeWithinMinutes: number;
    escalatedAt: string;
    /** The role it now goes to, and who sees it (absent on events recorded before: the same route). */
    escalatedTo?: (typeof ESCALATION_ROUTE)['escalatedTo'];
    visibleTo?: (typeof ESCALATION_ROUTE)['visibleTo'];
  };
}

export type QuestionnaireResponseEvent = ResponseRecorded | RiskAlertRaised | RiskAlertAcknowledged | RiskAlertEscalated;

/**
 * The free text of a response's stream, sealed with the person's key by the event store (issue 15): the clinician's
 * note on acknowledging a risk alert. Everything else here is coded (answers, scores, codes). Erasing the person's
 * key erases it; events written before this declaration keep it in clear (hazard H-PD2).
 */
export const QUESTIONNAIRE_RESPONSE_PERSONAL_FIELDS = {
  RiskAlertAcknowledged: ['note'],
} as const satisfies PersonalFieldsOf<QuestionnaireResponseEvent>;

/** A risk alert's life: open until a clinician acknowledges it; escalated (once) if left open too long. */
export interface RiskAlertState {
  alertId: string;
  organisationId: string;
  episodeId: string;
  raisedAt: string;
  status: 'open' | 'acknowledged';
  escalated: boolean;
}

export type QuestionnaireResponseState =
  | { status: 'None' }
  | { status: 'Recorded'; response: ResponseRecorded['data']; alert: RiskAlertState | null };

export function urgencyOf(signal: RiskSignal): RiskAlertUrgency {
  return signal.answer >= 2 ? 'urgent' : 'high';
}

function decide(command: QuestionnaireResponseCommand, state: QuestionnaireResponseState): QuestionnaireResponseEvent[] {
  switch (command.type) {
    case 'RecordResponse': {
      const { data } = command;
      if (state.status === 'Recorded') {
        throw new OutcomesDomainError('RESPONSE_ALREADY_RECORDED', `response ${data.responseId} is already recorded`, {
          responseId: data.responseId,
        });
      }
      const completedAt = data.completedAt ?? data.recordedAt;
      if (Number.isNaN(Date.parse(completedAt)) || Date.parse(completedAt) > Date.parse(data.recordedAt)) {
        throw new OutcomesDomainError('INVALID_RESPONSE', 'completedAt must be a date-time no later than now', {
          reason: 'completed-after-recorded',
        });
      }
      const dischargedAt = data.episodeDischargedAt ?? null;
      if (dischargedAt !== null && dayOf(completedAt) > dayOf(dischargedAt)) {
        throw new OutcomesDomainError(
          'EPISODE_DISCHARGED',
          'the episode was discharged before this measure was completed: only a contact on or before the discharge date can be entered late',
          { responseId: data.responseId },
        );
      }
      const scored = scoreResponseTo(data.questionnaireCode, data.questionnaireVersion, data.answers);
      const recorded: ResponseRecorded = {
        type: 'ResponseRecorded',
        data: {
          responseId: data.responseId,
          patientSubjectId: data.patientSubjectId,
          episodeId: data.episodeId,
          appointmentId: data.appointmentId,
          questionnaireCode: scored.code,
          questionnaireVersion: scored.version,
          completedBy: data.completedBy,
          answers: scored.answers,
          total: scored.total,
          severityBand: scored.band?.code ?? null,
          atCaseness: scored.caseness?.atCaseness ?? null,
          riskSignals: scored.riskSignals,
          complete: scored.complete,
          missingLinkIds: scored.missingLinkIds,
          recordedAt: data.recordedAt,
          completedAt,
          ...(scored.convertedScore ? { convertedScore: scored.convertedScore } : {}),
          ...(scored.notApplicableItems.length > 0 ? { notApplicableItems: scored.notApplicableItems } : {}),
          ...(dischargedAt !== null ? { lateEntryAfterDischarge: { dischargedAt } } : {}),
        },
      };
      const [signal] = [...scored.riskSignals].sort((a, b) => b.answer - a.answer);
      if (!signal) return [recorded];
      return [
        recorded,
        {
          type: 'RiskAlertRaised',
          data: {
            alertId: data.responseId,
            responseId: data.responseId,
            patientSubjectId: data.patientSubjectId,
            episodeId: data.episodeId,
            organisationId: data.alertOrganisationId,
            signal: signal.kind,
            urgency: urgencyOf(signal),
            namedClinician: data.alertClinician ?? null,
            raisedAt: data.recordedAt,
          },
        },
      ];
    }
    case 'AcknowledgeRiskAlert': {
      const alert = state.status === 'Recorded' ? state.alert : null;
      if (!alert) {
        throw new OutcomesDomainError('RISK_ALERT_NOT_FOUND', `no risk alert ${command.data.alertId}`, { alertId: command.data.alertId });
      }
      // Never closed from outside the organisation it is addressed to (issue 10; issue 12 item 8).
      if (command.data.byOrganisationId !== alert.organisationId) {
        throw new OutcomesDomainError('RISK_ALERT_NOT_ADDRESSED_TO_CALLER', 'this risk alert is addressed to another organisation', {
          alertId: command.data.alertId,
        });
      }
      // Acknowledging twice changes nothing: the first clinician's action stands.
      if (alert.status === 'acknowledged') return [];
      const { alertId, actionTaken, note, acknowledgedAt } = command.data;
      return [
        {
          type: 'RiskAlertAcknowledged',
          data: { alertId, episodeId: alert.episodeId, organisationId: alert.organisationId, actionTaken, note, acknowledgedAt },
        },
      ];
    }
    case 'EscalateRiskAlert': {
      const alert = state.status === 'Recorded' ? state.alert : null;
      if (!alert) {
        throw new OutcomesDomainError('RISK_ALERT_NOT_FOUND', `no risk alert ${command.data.alertId}`, { alertId: command.data.alertId });
      }
      // Only an open alert escalates, and only once; the escalation stays open until acknowledged.
      if (alert.status !== 'open' || alert.escalated) return [];
      const due = Date.parse(alert.raisedAt) + command.data.acknowledgeWithinMinutes * 60_000;
      if (Date.parse(command.data.escalatedAt) < due) return [];
      const { alertId, acknowledgeWithinMinutes, escalatedAt } = command.data;
      return [
        {
          type: 'RiskAlertEscalated',
          data: {
            alertId,
            episodeId: alert.episodeId,
            organisationId: alert.organisationId,
            raisedAt: alert.raisedAt,
            acknowledgeWithinMinutes,
            escalatedAt,
            ...ESCALATION_ROUTE,
          },
        },
      ];
    }
    default:
      return assertNever(command, 'command');
  }
}

function evolve(state: QuestionnaireResponseState, event: QuestionnaireResponseEvent): QuestionnaireResponseState {
  switch (event.type) {
    case 'ResponseRecorded':
      return { status: 'Recorded', response: event.data, alert: null };
    case 'RiskAlertRaised':
      if (state.status !== 'Recorded') return state;
      return {
        ...state,
        alert: {
          alertId: event.data.alertId,
          organisationId: event.data.organisationId,
          episodeId: event.data.episodeId,
          raisedAt: event.data.raisedAt,
          status: 'open',
          escalated: false,
        },
      };
    case 'RiskAlertAcknowledged':
      if (state.status !== 'Recorded' || !state.alert) return state;
      return { ...state, alert: { ...state.alert, status: 'acknowledged' } };
    case 'RiskAlertEscalated':
      if (state.status !== 'Recorded' || !state.alert) return state;
      return { ...state, alert: { ...state.alert, escalated: true } };
    default:
      return assertNever(event, 'event');
  }
}

export const questionnaireResponseDecider: Decider<QuestionnaireResponseCommand, QuestionnaireResponseEvent, QuestionnaireResponseState> = {
  initialState: { status: 'None' },
  decide,
  evolve,
};
