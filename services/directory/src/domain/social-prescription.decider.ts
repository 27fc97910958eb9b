import { assertNever, DomainError, NotFoundError, type Decider, type PersonalFieldsOf } from '@stepwell/decider';

/**
 * One social prescription (stream `directory_socialprescription-<id>`), from the link worker's referral to the
 * outcomes the person reports at the end.
 *
 * Glossary: the *link worker* (social prescribing link worker, NHS England's social prescribing reference guide)
 * receives a referral from a GP, a clinician, a Talking Therapies service, a consultation's outcome or the person
 * themselves, and has a *what matters to me* conversation with the person: goals against the whole-life domains
 * (the directory's own vocabulary) and a *baseline wellbeing measure* (ONS4 or SWEMWBS; a reference to the outcomes
 * service's questionnaire response and the score, never the answers). The link worker then makes a *direct referral*
 * to a *community service* (a directory listing) whose *community organisation* (the listing's owner) has 14 days to
 * accept or decline; unanswered, the referral is *auto-declined*. Accepted, the person is *waiting*, then *started*;
 * sessions are *attended* or *did not attend*; the prescription ends *completed* or *dropped out*; a *follow-up
 * wellbeing measure* and *goal progress* close the loop.
 *
 * The person's *consent to share* names the organisations (ODS codes) the link worker may pass their details to; a
 * direct referral to any other organisation is refused. What the community organisation may see is what the person
 * agreed to share: their name, the contact route they agreed, what the referral asks, the goals they chose to share
 * and the safety notes the link worker chose to pass on (the minimum-necessary view, `SOCIAL_PRESCRIPTION_SHARED_FIELDS`).
 */

/**
 * Days a community organisation has to accept or decline a direct referral. Not a national standard: issue 17 takes
 * it from the social prescribing platforms (Joy, Elemental), which auto-decline referrals unanswered after two weeks
 * so that nobody waits on a silent organisation; a figure for the clinical safety officer to confirm (H-SP4).
 */
export const REPLY_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export const REFERRAL_SOURCES = ['gp', 'clinician', 'talking-therapies', 'consultation-outcome', 'self'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const CONTACT_METHODS = ['phone', 'text', 'email', 'letter'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const WELLBEING_MEASURES = ['ONS4', 'SWEMWBS'] as const;
export type WellbeingMeasureCode = (typeof WELLBEING_MEASURES)[number];

export const DECLINE_REASONS = ['no-capacity', 'not-eligible', 'not-suitable', 'person-not-contactable', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const GOAL_PROGRESS = ['not-started', 'some-progress', 'much-progress', 'achieved'] as const;
export type GoalProgress = (typeof GOAL_PROGRESS)[number];

export const PROGRESS_STEPS = ['waiting', 'started', 'attended', 'did-not-attend', 'completed', 'dropped-out'] as const;
export type ProgressStep = (typeof PROGRESS_STEPS)[number];

/**
 * A wellbeing measure as a reference and a score (the outcomes service owns the questionnaires and their answers).
 * SWEMWBS: the raw total of its 7 items, 7–35 (Stewart-Brown et al. 2009, Warwick Medical School); ONS4: the four
 * ONS personal well-being items, each 0–10 (Office for National Statistics, Personal well-being user guidance).
 */
export type WellbeingMeasure =
  | { measure: 'SWEMWBS'; score: number; questionnaireResponseId: string | null; takenOn: string }
  | { measure: 'ONS4'; items: { satisfied: number; worthwhile: number; happy: number; anxious: number }; questionnaireResponseId: string | null; takenOn: string };

export interface Goal {
  id: string;
  /** A whole-life domain code (`money-and-debt`, `social-contact-and-loneliness`, …). */
  domain: string;
  /** In the person's words. */
  description: string;
  /** The person chose to share this goal with the community organisation. */
  shareable: boolean;
}

export interface ContactRoute {
  method: ContactMethod;
  /** The number, address or email the person agreed to be contacted on. */
  value: string;
}

/** The direct referral to one community service. */
export interface CommunityReferral {
  serviceId: string;
  /** The Stepwell organisation (ODS code) that owns the service's listing: who answers. */
  organisationId: string;
  madeAt: string;
  replyBy: string;
  asks: string;
  sharedGoalIds: string[];
  safetyNotes: string | null;
}

interface Prescription {
  prescriptionId: string;
  patientSubjectId: string;
  /** The link worker's organisation: holds the prescription. */
  linkWorkerOrganisationId: string;
  source: ReferralSource;
  sourceOrganisationId: string | null;
  sourceReference: string | null;
  personName: string;
  contact: ContactRoute;
  reason: string;
  consentOrganisationIds: string[];
  referredAt: string;
  goals: Goal[];
  baseline: WellbeingMeasure | null;
  /** The current (or last) direct referral. */
  referral: CommunityReferral | null;
  /** Earlier direct referrals that were declined, with how. */
  declined: Array<{ serviceId: string; organisationId: string; outcome: 'declined' | 'auto-declined'; reason: DeclineReason | null; at: string }>;
  acceptedAt: string | null;
  startedOn: string | null;
  sessionsAttended: number;
  sessionsMissed: number;
  endedOn: string | null;
  followUp: WellbeingMeasure | null;
  goalProgress: Record<string, GoalProgress>;
}

export type SocialPrescriptionState =
  | { status: 'None' }
  /** Received by the link worker; the what-matters-to-me conversation has not been recorded. */
  | ({ status: 'Referred' } & Prescription)
  /** Goals and a baseline recorded; no direct referral is open (none yet, or the last was declined). */
  | ({ status: 'Assessed' } & Prescription)
  /** A direct referral awaits the community organisation's answer (until `referral.replyBy`). */
  | ({ status: 'AwaitingReply' } & Prescription & { referral: CommunityReferral })
  | ({ status: 'Accepted' } & Prescription & { referral: CommunityReferral })
  | ({ status: 'Waiting' } & Prescription & { referral: CommunityReferral })
  | ({ status: 'Started' } & Prescription & { referral: CommunityReferral })
  | ({ status: 'Completed' } & Prescription & { referral: CommunityReferral })
  | ({ status: 'DroppedOut' } & Prescription & { referral: CommunityReferral });
export type SocialPrescriptionStatus = SocialPrescriptionState['status'];
type Open = Exclude<SocialPrescriptionState, { status: 'None' }>;
type WithReferral = Extract<Open, { referral: CommunityReferral }>;

export type SocialPrescriptionCommand =
  | {
      type: 'ReceiveLinkWorkerReferral';
      prescriptionId: string;
      patientSubjectId: string;
      linkWorkerOrganisationId: string;
      source: ReferralSource;
      sourceOrganisationId: string | null;
      sourceReference: string | null;
      personName: string;
      contact: ContactRoute;
      reason: string;
      consentOrganisationIds: string[];
      at: string;
    }
  | { type: 'RecordWhatMattersConversation'; goals: Goal[]; baseline: WellbeingMeasure; at: string }
  | {
      type: 'ReferToCommunityService';
      serviceId: string;
      /** Looked up by the handler: the listing's owner, or null when no such service is listed. */
      serviceOrganisationId: string | null;
      /**
       * Looked up by the handler with the owner: the listing's ORUK `status` and its provider's last capacity report
       * (null: never reported). Absent in events: the decision reads it, nothing stores it.
       */
      serviceAvailability?: { status: string; placesFree: number | null; waitDays: number | null };
      asks: string;
      sharedGoalIds: string[];
      safetyNotes: string | null;
      at: string;
    }
  | { type: 'AcceptCommunityReferral'; at: string }
  | { type: 'DeclineCommunityReferral'; reason: DeclineReason; at: string }
  /** The scheduled reply-window check: auto-declines a referral unanswered by its reply-by time. */
  | { type: 'CheckReplyWindow'; at: string }
  | { type: 'RecordProgress'; step: ProgressStep; on: string; at: string }
  | { type: 'RecordGoalProgress'; goalId: string; progress: GoalProgress; at: string }
  | { type: 'RecordFollowUpMeasure'; measure: WellbeingMeasure; at: string };

/** Every event names its prescription, its person and the link worker's organisation (the relay publishes from one event). */
interface Ids {
  prescriptionId: string;
  patientSubjectId: string;
  linkWorkerOrganisationId: string;
}
interface ReferralIds extends Ids {
  serviceId: string;
  organisationId: string;
}

export type SocialPrescriptionEvent =
  | {
      type: 'SocialPrescriptionReferred';
      data: Ids & {
        linkWorkerOrganisationId: string;
        source: ReferralSource;
        sourceOrganisationId: string | null;
        sourceReference: string | null;
        personName: string;
        contact: ContactRoute;
        reason: string;
        consentOrganisationIds: string[];
        at: string;
      };
    }
  | { type: 'WhatMattersConversationRecorded'; data: Ids & { goals: Goal[]; baseline: WellbeingMeasure; at: string } }
  | {
      type: 'CommunityReferralMade';
      data: ReferralIds & { source: ReferralSource; asks: string; sharedGoalIds: string[]; safetyNotes: string | null; replyBy: string; at: string };
    }
  | { type: 'CommunityReferralAccepted'; data: ReferralIds & { madeAt: string; at: string } }
  | { type: 'CommunityReferralDeclined'; data: ReferralIds & { madeAt: string; reason: DeclineReason; at: string } }
  | { type: 'CommunityReferralAutoDeclined'; data: ReferralIds & { madeAt: string; replyBy: string; at: string } }
  | { type: 'SocialPrescriptionWaiting'; data: ReferralIds & { on: string; at: string } }
  | { type: 'SocialPrescriptionStarted'; data: ReferralIds & { on: string; at: string } }
  | { type: 'SocialPrescriptionSessionAttended'; data: ReferralIds & { on: string; at: string } }
  | { type: 'SocialPrescriptionSessionMissed'; data: ReferralIds & { on: string; at: string } }
  | { type: 'SocialPrescriptionCompleted'; data: ReferralIds & { on: string; at: string } }
  | { type: 'SocialPrescriptionDroppedOut'; data: ReferralIds & { on: string; at: string } }
  | { type: 'GoalProgressRecorded'; data: Ids & { goalId: string; domain: string; progress: GoalProgress; at: string } }
  | { type: 'FollowUpWellbeingRecorded'; data: Ids & { measure: WellbeingMeasure; at: string } };

export const SOCIAL_PRESCRIPTION_EVENT_TYPES: readonly SocialPrescriptionEvent['type'][] = [
  'SocialPrescriptionReferred',
  'WhatMattersConversationRecorded',
  'CommunityReferralMade',
  'CommunityReferralAccepted',
  'CommunityReferralDeclined',
  'CommunityReferralAutoDeclined',
  'SocialPrescriptionWaiting',
  'SocialPrescriptionStarted',
  'SocialPrescriptionSessionAttended',
  'SocialPrescriptionSessionMissed',
  'SocialPrescriptionCompleted',
  'SocialPrescriptionDroppedOut',
  'GoalProgressRecorded',
  'FollowUpWellbeingRecorded',
];

/**
 * What identifies or describes the person (issue 15): sealed with their key in the store. Ids, codes, dates and
 * organisations stay readable; the goals' and measures' content is the person's own.
 */
export const SOCIAL_PRESCRIPTION_PERSONAL_FIELDS = {
  SocialPrescriptionReferred: ['personName', 'contact', 'reason', 'sourceReference'],
  WhatMattersConversationRecorded: ['goals', 'baseline'],
  CommunityReferralMade: ['asks', 'safetyNotes'],
  FollowUpWellbeingRecorded: ['measure'],
} as const satisfies PersonalFieldsOf<SocialPrescriptionEvent>;

const illegal = (message: string): DomainError => new DomainError('ILLEGAL_TRANSITION', message);

function opened(state: SocialPrescriptionState): Open {
  if (state.status === 'None') throw new NotFoundError('SOCIAL_PRESCRIPTION_NOT_FOUND', 'No such social prescription');
  return state;
}

function withReferral(state: SocialPrescriptionState, allowed: readonly SocialPrescriptionStatus[], what: string): WithReferral {
  const open = opened(state);
  if (!allowed.includes(open.status) || open.referral === null) throw illegal(`Cannot ${what} a social prescription that is ${open.status}`);
  return open as WithReferral;
}

const idsOf = (s: Open): Ids => ({ prescriptionId: s.prescriptionId, patientSubjectId: s.patientSubjectId, linkWorkerOrganisationId: s.linkWorkerOrganisationId });
const referralIds = (s: WithReferral): ReferralIds => ({
  ...idsOf(s),
  serviceId: s.referral.serviceId,
  organisationId: s.referral.organisationId,
});

/** The reply-by time of a direct referral made at `madeAt`: exactly 14 days later. */
export const replyByOf = (madeAt: string): string => new Date(Date.parse(madeAt) + REPLY_WINDOW_DAYS * DAY_MS).toISOString();

const PROGRESS_FROM: Readonly<Record<ProgressStep, readonly SocialPrescriptionStatus[]>> = {
  waiting: ['Accepted'],
  started: ['Accepted', 'Waiting'],
  attended: ['Started'],
  'did-not-attend': ['Started'],
  completed: ['Started'],
  'dropped-out': ['Accepted', 'Waiting', 'Started'],
};
const PROGRESS_TO: Readonly<Record<ProgressStep, SocialPrescriptionStatus | null>> = {
  waiting: 'Waiting',
  started: 'Started',
  attended: null,
  'did-not-attend': null,
  completed: 'Completed',
  'dropped-out': 'DroppedOut',
};
const PROGRESS_EVENT = {
  waiting: 'SocialPrescriptionWaiting',
  started: 'SocialPrescriptionStarted',
  attended: 'SocialPrescriptionSessionAttended',
  'did-not-attend': 'SocialPrescriptionSessionMissed',
  completed: 'SocialPrescriptionCompleted',
  'dropped-out': 'SocialPrescriptionDroppedOut',
} as const satisfies Record<ProgressStep, SocialPrescriptionEvent['type']>;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Refusals: ILLEGAL_TRANSITION (a step out of order), SOCIAL_PRESCRIPTION_NOT_FOUND, UNKNOWN_SERVICE (a direct
 * referral to a service that is not listed), SERVICE_NOT_ACCEPTING (listed but inactive, defunct or temporarily
 * closed), SERVICE_AT_CAPACITY (its provider's last report says no places free), NO_CONSENT_TO_SHARE (its organisation is not one the person agreed to
 * share with), GOAL_NOT_SHARED (a goal the person did not choose to share, or no such goal), UNKNOWN_GOAL,
 * REPLY_WINDOW_CLOSED (an answer after the 14 days: the referral is auto-declined by the check). The same decision
 * twice appends nothing (a retried request, the check run twice).
 */
export const socialPrescriptionDecider: Decider<SocialPrescriptionCommand, SocialPrescriptionEvent, SocialPrescriptionState> = {
  initialState: { status: 'None' },
  decide(command, state) {
    switch (command.type) {
      case 'ReceiveLinkWorkerReferral': {
        const { type: _type, ...data } = command;
        if (state.status !== 'None') {
          if (state.patientSubjectId === command.patientSubjectId && state.linkWorkerOrganisationId === command.linkWorkerOrganisationId) return [];
          throw new DomainError('ILLEGAL_TRANSITION', 'This social prescription id is taken');
        }
        return [{ type: 'SocialPrescriptionReferred', data }];
      }
      case 'RecordWhatMattersConversation': {
        const s = opened(state);
        if (s.status !== 'Referred') {
          if (sameJson(s.goals, command.goals) && sameJson(s.baseline, command.baseline)) return [];
          throw illegal(`The what-matters-to-me conversation is recorded once (this prescription is ${s.status})`);
        }
        return [{ type: 'WhatMattersConversationRecorded', data: { ...idsOf(s), goals: command.goals, baseline: command.baseline, at: command.at } }];
      }
      case 'ReferToCommunityService': {
        const s = opened(state);
        if (s.status === 'AwaitingReply' && s.referral.serviceId === command.serviceId) return [];
        if (s.status !== 'Assessed') throw illegal(`A direct referral needs the conversation recorded and no referral open (this prescription is ${s.status})`);
        if (command.serviceOrganisationId === null) {
          throw new DomainError('UNKNOWN_SERVICE', 'service_id: no such service in the directory', { field: 'service_id' });
        }
        // A referral the service cannot take would sit unanswered until the 14-day auto-decline: refuse it now so
        // the link worker refers elsewhere (hazard H-DR1). ORUK status other than "active": not taking anyone.
        const availability = command.serviceAvailability;
        if (availability && availability.status !== 'active') {
          throw new DomainError('SERVICE_NOT_ACCEPTING', `service_id: the service is ${availability.status} in the directory, not taking referrals`, {
            field: 'service_id',
            serviceStatus: availability.status,
          });
        }
        if (availability && availability.placesFree === 0) {
          throw new DomainError('SERVICE_AT_CAPACITY', 'service_id: the service reports no places free; refer elsewhere or when it reports places', {
            field: 'service_id',
            waitDays: availability.waitDays,
          });
        }
        if (!s.consentOrganisationIds.includes(command.serviceOrganisationId)) {
          throw new DomainError('NO_CONSENT_TO_SHARE', 'service_id: the person did not agree to share their details with the organisation running this service', { field: 'service_id' });
        }
        for (const goalId of command.sharedGoalIds) {
          const goal = s.goals.find((g) => g.id === goalId);
          if (!goal || !goal.shareable) throw new DomainError('GOAL_NOT_SHARED', 'shared_goal_ids: a goal to pass on is not one the person chose to share', { field: 'shared_goal_ids', goalId });
        }
        return [
          {
            type: 'CommunityReferralMade',
            data: {
              ...idsOf(s),
              serviceId: command.serviceId,
              organisationId: command.serviceOrganisationId,
              source: s.source,
              asks: command.asks,
              sharedGoalIds: [...new Set(command.sharedGoalIds)],
              safetyNotes: command.safetyNotes,
              replyBy: replyByOf(command.at),
              at: command.at,
            },
          },
        ];
      }
      case 'AcceptCommunityReferral': {
        const open = opened(state);
        if (open.status === 'Accepted' || (open.referral !== null && ['Waiting', 'Started', 'Completed', 'DroppedOut'].includes(open.status))) return [];
        const s = withReferral(state, ['AwaitingReply'], 'accept');
        if (Date.parse(command.at) >= Date.parse(s.referral.replyBy)) {
          throw new DomainError('REPLY_WINDOW_CLOSED', `The ${REPLY_WINDOW_DAYS} days to answer have passed: the referral is declined; the link worker may refer again`);
        }
        return [{ type: 'CommunityReferralAccepted', data: { ...referralIds(s), madeAt: s.referral.madeAt, at: command.at } }];
      }
      case 'DeclineCommunityReferral': {
        const s = withReferral(state, ['AwaitingReply'], 'decline');
        if (Date.parse(command.at) >= Date.parse(s.referral.replyBy)) {
          throw new DomainError('REPLY_WINDOW_CLOSED', `The ${REPLY_WINDOW_DAYS} days to answer have passed: the referral is declined already`);
        }
        return [{ type: 'CommunityReferralDeclined', data: { ...referralIds(s), madeAt: s.referral.madeAt, reason: command.reason, at: command.at } }];
      }
      case 'CheckReplyWindow': {
        if (state.status !== 'AwaitingReply') return [];
        if (Date.parse(command.at) < Date.parse(state.referral.replyBy)) return [];
        return [{ type: 'CommunityReferralAutoDeclined', data: { ...referralIds(state), madeAt: state.referral.madeAt, replyBy: state.referral.replyBy, at: command.at } }];
      }
      case 'RecordProgress': {
        const open = opened(state);
        const target = PROGRESS_TO[command.step];
        if (target !== null && open.status === target) return [];
        const s = withReferral(state, PROGRESS_FROM[command.step], `record "${command.step}" for`);
        return [{ type: PROGRESS_EVENT[command.step], data: { ...referralIds(s), on: command.on, at: command.at } }];
      }
      case 'RecordGoalProgress': {
        const s = opened(state);
        const goal = s.goals.find((g) => g.id === command.goalId);
        if (!goal) throw new DomainError('UNKNOWN_GOAL', 'goal_id: no such goal on this social prescription', { field: 'goal_id' });
        if (s.goalProgress[goal.id] === command.progress) return [];
        return [{ type: 'GoalProgressRecorded', data: { ...idsOf(s), goalId: goal.id, domain: goal.domain, progress: command.progress, at: command.at } }];
      }
      case 'RecordFollowUpMeasure': {
        const s = opened(state);
        if (s.status === 'Referred' || s.status === 'Assessed' || s.status === 'AwaitingReply') {
          throw illegal(`A follow-up measure comes after the community service accepted (this prescription is ${s.status})`);
        }
        if (sameJson(s.followUp, command.measure)) return [];
        return [{ type: 'FollowUpWellbeingRecorded', data: { ...idsOf(s), measure: command.measure, at: command.at } }];
      }
      default:
        return assertNever(command, 'social prescription command');
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'SocialPrescriptionReferred': {
        const d = event.data;
        return {
          status: 'Referred',
          prescriptionId: d.prescriptionId,
          patientSubjectId: d.patientSubjectId,
          linkWorkerOrganisationId: d.linkWorkerOrganisationId,
          source: d.source,
          sourceOrganisationId: d.sourceOrganisationId,
          sourceReference: d.sourceReference,
          personName: d.personName,
          contact: d.contact,
          reason: d.reason,
          consentOrganisationIds: d.consentOrganisationIds,
          referredAt: d.at,
          goals: [],
          baseline: null,
          referral: null,
          declined: [],
          acceptedAt: null,
          startedOn: null,
          sessionsAttended: 0,
          sessionsMissed: 0,
          endedOn: null,
          followUp: null,
          goalProgress: {},
        };
      }
      case 'WhatMattersConversationRecorded':
        return state.status === 'None' ? state : { ...state, status: 'Assessed', goals: event.data.goals, baseline: event.data.baseline };
      case 'CommunityReferralMade': {
        if (state.status === 'None') return state;
        const d = event.data;
        const referral: CommunityReferral = {
          serviceId: d.serviceId,
          organisationId: d.organisationId,
          madeAt: d.at,
          replyBy: d.replyBy,
          asks: d.asks,
          sharedGoalIds: d.sharedGoalIds,
          safetyNotes: d.safetyNotes,
        };
        return { ...state, status: 'AwaitingReply', referral };
      }
      case 'CommunityReferralAccepted':
        return state.status === 'None' || state.referral === null ? state : { ...state, status: 'Accepted', referral: state.referral, acceptedAt: event.data.at };
      case 'CommunityReferralDeclined':
      case 'CommunityReferralAutoDeclined': {
        if (state.status === 'None') return state;
        const outcome = event.type === 'CommunityReferralDeclined' ? 'declined' : 'auto-declined';
        const reason = event.type === 'CommunityReferralDeclined' ? event.data.reason : null;
        return {
          ...state,
          status: 'Assessed',
          referral: null,
          declined: [...state.declined, { serviceId: event.data.serviceId, organisationId: event.data.organisationId, outcome, reason, at: event.data.at }],
        };
      }
      case 'SocialPrescriptionWaiting':
        return state.status === 'None' || state.referral === null ? state : { ...state, status: 'Waiting', referral: state.referral };
      case 'SocialPrescriptionStarted':
        return state.status === 'None' || state.referral === null ? state : { ...state, status: 'Started', referral: state.referral, startedOn: event.data.on };
      case 'SocialPrescriptionSessionAttended':
        return state.status === 'None' ? state : { ...state, sessionsAttended: state.sessionsAttended + 1 };
      case 'SocialPrescriptionSessionMissed':
        return state.status === 'None' ? state : { ...state, sessionsMissed: state.sessionsMissed + 1 };
      case 'SocialPrescriptionCompleted':
        return state.status === 'None' || state.referral === null ? state : { ...state, status: 'Completed', referral: state.referral, endedOn: event.data.on };
      case 'SocialPrescriptionDroppedOut':
        return state.status === 'None' || state.referral === null ? state : { ...state, status: 'DroppedOut', referral: state.referral, endedOn: event.data.on };
      case 'GoalProgressRecorded':
        return state.status === 'None' ? state : { ...state, goalProgress: { ...state.goalProgress, [event.data.goalId]: event.data.progress } };
      case 'FollowUpWellbeingRecorded':
        return state.status === 'None' ? state : { ...state, followUp: event.data.measure };
      default:
        return assertNever(event, 'social prescription event');
    }
  },
};
