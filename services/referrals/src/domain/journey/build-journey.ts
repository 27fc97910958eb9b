import { DomainError, fold } from '@stepwell/decider';
import { careEpisodeDecider } from '../care-episode/care-episode.decider';
import { CARE_EPISODE_EVENT_TYPES, type CareEpisodeEvent } from '../care-episode/care-episode.events';
import type { OpenedEpisodeState } from '../care-episode/care-episode.state';
import { isInstant } from '@stepwell/contracts';
import { computeWaitingClock } from '../care-episode/waiting-clock';
import type {
  JourneyEntry,
  JourneyEntryKind,
  JourneyEpisode,
  JourneyOddity,
  JourneyReferral,
  JourneySourceEvent,
  JourneyStepSpan,
  PatientJourney,
} from './journey.types';
import { REFERRAL_EVENTS_OUTSIDE_JOURNEY, REFERRAL_STATUS_AFTER, TRIAGE_OUTCOME_OF, stringField } from './referral-journey-events';

/**
 * The patient's journey through referrals and care episodes, as the record stood at `asOf`.
 *
 * `asOf` applies to **recordedAt**, not occurredAt. Auditors replay what the record said at that time: a fact
 * entered late (an appointment recorded a week after it happened) was not in the record before it was entered,
 * and the answer for a past instant must never change when later events arrive. Filtering on occurredAt would let
 * a late entry rewrite what the record "said" in the past. Each entry still shows when it happened, and the
 * timeline is in the order things happened.
 *
 * Pure: the events are the patient's events of this service (any order; they are put in commit order), `asOf` an
 * ISO instant chosen by the caller ("now" is the caller's clock, never read here).
 */
export function buildJourney(events: readonly JourneySourceEvent[], asOf: string): PatientJourney {
  if (!isInstant(asOf)) throw new DomainError('INVALID_AS_OF', 'asOf must be an ISO 8601 instant with a zone');
  const cutOff = Date.parse(asOf);
  const oddities: JourneyOddity[] = [];
  const visible = [...events]
    .filter((event) => {
      if (!isInstant(event.recordedAt)) {
        oddities.push(oddity(event, 'recordedAt is not an instant'));
        return false;
      }
      return Date.parse(event.recordedAt) <= cutOff;
    })
    .sort((a, b) => a.globalPosition - b.globalPosition);

  const timeline: JourneyEntry[] = [];
  const referrals = new Map<string, JourneyReferral>();
  const episodeEvents = new Map<string, CareEpisodeEvent[]>();

  for (const event of visible) {
    const isEpisodeType = (CARE_EPISODE_EVENT_TYPES as readonly string[]).includes(event.type);
    if (isEpisodeType && !isReadableEpisodeEvent(event)) {
      oddities.push(oddity(event, 'episode event without an episode id or an instant'));
    } else if (isEpisodeType) {
      const episodeEvent = { type: event.type, data: event.data } as CareEpisodeEvent;
      const stream = episodeEvents.get(episodeEvent.data.episodeId) ?? [];
      stream.push(episodeEvent);
      episodeEvents.set(episodeEvent.data.episodeId, stream);
      timeline.push(episodeEntry(event, episodeEvent));
    } else if (event.type === 'PatientMerged' || event.type === 'PatientUnmerged') {
      timeline.push(mergeEntry(event));
    } else if (event.type in REFERRAL_STATUS_AFTER) {
      const entry = referralEntry(event);
      timeline.push(entry);
      applyToReferral(referrals, entry, event);
    } else if (!REFERRAL_EVENTS_OUTSIDE_JOURNEY.has(event.type)) {
      // A projection never rejects a fact: it says what it could not read and moves on.
      oddities.push(oddity(event, 'event type not part of the journey'));
    }
  }

  const episodes: JourneyEpisode[] = [];
  const steps: JourneyStepSpan[] = [];
  for (const [episodeId, stream] of episodeEvents) {
    const state = fold(careEpisodeDecider, stream);
    if (state.status === 'NotOpened') {
      oddities.push({ globalPosition: -1, eventType: stream[0]?.type ?? '', why: `episode ${episodeId} never opened` });
      continue;
    }
    try {
      const summary = episodeSummary(state, asOf);
      const spans = stepSpans(state);
      episodes.push(summary);
      steps.push(...spans);
    } catch (error) {
      // A malformed stored event (a date that is not an instant) must not hide the rest of the journey.
      oddities.push({ globalPosition: -1, eventType: 'EpisodeOpened', why: `episode ${episodeId} unreadable: ${String(error)}` });
    }
  }

  timeline.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.globalPosition - b.globalPosition);
  steps.sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  episodes.sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
  return { asOf, referrals: [...referrals.values()], episodes, timeline, steps, oddities };
}

/** A merge or unmerge of two patient records: who decided, for which organisation, why, which records. */
function mergeEntry(event: JourneySourceEvent): JourneyEntry {
  const survivor = stringField(event.data, 'survivorSubjectId');
  const duplicate = stringField(event.data, 'duplicateSubjectId');
  return {
    ...blankEntry(event),
    kind: event.type === 'PatientMerged' ? 'patient-records-merged' : 'patient-records-unmerged',
    occurredAt: stringField(event.data, 'decidedAt') ?? event.metadata.occurredAt,
    decidedBy: { ...event.metadata.actor },
    organisationId: stringField(event.data, 'decidedByOrganisation'),
    reason: stringField(event.data, 'reason'),
    note: `record ${duplicate ?? '?'} ${event.type === 'PatientMerged' ? 'merged into' : 'separated from'} record ${survivor ?? '?'}`,
  };
}

function isReadableEpisodeEvent(event: JourneySourceEvent): boolean {
  return stringField(event.data, 'episodeId') !== null && isInstant(stringField(event.data, 'at'));
}

function blankEntry(event: JourneySourceEvent): Omit<JourneyEntry, 'kind' | 'occurredAt' | 'decidedBy'> {
  return {
    eventType: event.type,
    globalPosition: event.globalPosition,
    recordedAt: event.recordedAt,
    referralId: null,
    episodeId: null,
    organisationId: null,
    reason: null,
    note: null,
    triageOutcome: null,
    fromStep: null,
    toStep: null,
    direction: null,
    fromOrganisationId: null,
    toOrganisationId: null,
    evidence: null,
  };
}

function episodeEntry(source: JourneySourceEvent, event: CareEpisodeEvent): JourneyEntry {
  const { data } = event;
  const entry: JourneyEntry = {
    ...blankEntry(source),
    kind: 'episode-opened',
    occurredAt: data.at,
    decidedBy: { ...data.decidedBy },
    episodeId: data.episodeId,
    organisationId: data.organisationId,
    reason: data.reason,
    note: data.note ?? null,
  };
  switch (event.type) {
    case 'EpisodeOpened':
      return {
        ...entry,
        referralId: event.data.referralId,
        toStep: event.data.step,
        toOrganisationId: event.data.organisationId,
      };
    case 'PatientOptedIn':
      return { ...entry, kind: 'patient-opted-in' };
    case 'WaitingClockPaused':
      return { ...entry, kind: 'waiting-clock-paused' };
    case 'WaitingClockPauseEnded':
      return { ...entry, kind: 'waiting-clock-resumed' };
    case 'FirstTreatmentAppointmentRecorded':
      return { ...entry, kind: 'first-treatment-appointment' };
    case 'EpisodeStepChanged':
      return {
        ...entry,
        kind: 'step-changed',
        fromStep: event.data.fromStep,
        toStep: event.data.toStep,
        direction: event.data.direction,
        fromOrganisationId: event.data.fromOrganisationId,
        toOrganisationId: event.data.toOrganisationId,
        evidence: event.data.evidence,
      };
    case 'EpisodeFlaggedForClinicalReview':
      return { ...entry, kind: 'flagged-for-clinical-review' };
    case 'EpisodeDischarged':
      return { ...entry, kind: 'episode-discharged', fromStep: event.data.step };
    case 'OutcomeLetterRequested':
      return { ...entry, kind: 'outcome-letter-requested', toOrganisationId: event.data.gpPracticeId };
    default:
      return entry;
  }
}

function referralEntry(event: JourneySourceEvent): JourneyEntry {
  const { data } = event;
  const triageOutcome = TRIAGE_OUTCOME_OF[event.type] ?? null;
  const kind: JourneyEntryKind =
    event.type === 'ReferralReceived' || event.type === 'IncompleteReferralReceived'
      ? 'referral-received'
      : event.type === 'ReferralCompleted'
        ? 'referral-completed'
        : event.type === 'ReferralWithdrawn'
          ? 'referral-withdrawn'
          : 'referral-triaged';
  const stated = stringField(data, ...(event.type === 'ReferralCompleted' ? ['completedAt'] : ['receivedAt', 'withdrawnAt', 'decidedAt', 'at']));
  // The event's own time when it states one, else the time its metadata gives; the commit time as a last resort.
  const occurredAt = [stated, event.metadata.occurredAt].find(isInstant) ?? event.recordedAt;
  return {
    ...blankEntry(event),
    kind,
    occurredAt,
    decidedBy: { ...event.metadata.actor },
    referralId: stringField(data, 'referralId') ?? event.streamId,
    episodeId: stringField(data, 'episodeId'),
    organisationId:
      stringField(data, 'providingOrganisationId', 'receivingOrganisationId', 'receivingOrganisation') ??
      event.metadata.actor.organisationId,
    reason: stringField(data, 'reason'),
    note: stringField(data, 'note'),
    triageOutcome,
    toStep: (stringField(data, 'step') as JourneyEntry['toStep']) ?? null,
    // A referral made from a consultation's answer rests on that consultation (hazard H-CB1); one an MDT decided, on
    // the MDT case (issue 16 item 6).
    ...(kind === 'referral-received' && stringField(data, 'consultationId') !== null ? { evidence: { scores: [], consultationId: stringField(data, 'consultationId') } } : {}),
    ...(kind === 'referral-received' && stringField(data, 'mdtCaseId') !== null ? { evidence: { scores: [], consultationId: null, mdtCaseId: stringField(data, 'mdtCaseId') } } : {}),
  };
}

function applyToReferral(referrals: Map<string, JourneyReferral>, entry: JourneyEntry, event: JourneySourceEvent) {
  const referralId = entry.referralId ?? event.streamId;
  const current: JourneyReferral = referrals.get(referralId) ?? {
    referralId,
    status: 'received',
    source: null,
    urgency: null,
    receivingOrganisationId: null,
    receivedAt: null,
    consultationId: null,
    mdtCaseId: null,
  };
  const status = REFERRAL_STATUS_AFTER[event.type] ?? current.status;
  if (event.type === 'ReferralReceived' || event.type === 'IncompleteReferralReceived') {
    referrals.set(referralId, {
      ...current,
      status,
      source: stringField(event.data, 'source'),
      urgency: stringField(event.data, 'urgency'),
      receivingOrganisationId: stringField(event.data, 'receivingOrganisationId', 'receivingOrganisation'),
      receivedAt: entry.occurredAt,
      consultationId: stringField(event.data, 'consultationId'),
      mdtCaseId: stringField(event.data, 'mdtCaseId'),
    });
  } else if (event.type === 'ReferralCompleted') {
    // Completion names the urgency an incomplete referral may have lacked; it was received at its first receipt.
    referrals.set(referralId, { ...current, status, urgency: stringField(event.data, 'urgency') });
  } else {
    referrals.set(referralId, { ...current, status });
  }
}

function episodeSummary(state: OpenedEpisodeState, asOf: string): JourneyEpisode {
  return {
    episodeId: state.episodeId,
    referralId: state.referralId,
    status: state.status,
    step: state.step,
    providingOrganisationId: state.providingOrganisationId,
    openedAt: state.opened.at,
    dischargedAt: state.status === 'Discharged' ? state.discharge.at : null,
    dischargeReason: state.status === 'Discharged' ? state.discharge.reason : null,
    waitingClock: computeWaitingClock(state, asOf),
  };
}

function stepSpans(state: OpenedEpisodeState): JourneyStepSpan[] {
  const entered: Omit<JourneyStepSpan, 'until'>[] = [
    {
      episodeId: state.episodeId,
      step: state.opened.step,
      organisationId: state.opened.organisationId,
      from: state.opened.at,
      enteredBy: { ...state.opened.decidedBy },
      enteredBecause: state.opened.reason,
      evidence: null,
    },
    ...state.stepChanges.map((change) => ({
      episodeId: state.episodeId,
      step: change.toStep,
      organisationId: change.toOrganisationId,
      from: change.at,
      enteredBy: { ...change.decidedBy },
      enteredBecause: change.reason,
      evidence: change.evidence,
    })),
  ];
  // Each stretch lasts until the next move; the last one until discharge, or is still going.
  const end = state.status === 'Discharged' ? state.discharge.at : null;
  return entered.map((span, index) => ({ ...span, until: entered[index + 1]?.from ?? end }));
}

function oddity(event: JourneySourceEvent, why: string): JourneyOddity {
  return { globalPosition: event.globalPosition, eventType: event.type, why };
}
