import { assertNever, DomainError, sameFacts, type Decider, type PersonalFieldsOf } from '@stepwell/decider';
import { CARE_STEPS, REFERRAL_URGENCIES } from '@stepwell/contracts';
import { consentConfirmation, missingConsentConfirmation, needsReferralIntake, referralIntakeAnswers } from './consultation.decider';
import type { ReferralConsentConfirmation, ReferralRequest, ReferralRequestInput, ReferralRiskAnswers, StepChangeProposal } from './consultation.types';
import { ATTENDEE_ROLES, CONSENT_NOT_NEEDED_REASONS, CONSULTATION_OUTCOMES, includes, REFERRAL_OUTCOME_STEPS, SPECIALISMS, type ConsentNotNeededReason, type ConsultationOutcome } from './vocabulary';

/**
 * A multidisciplinary team (MDT) case discussion (issue 16 item 6): a meeting (when, which team, who attends with
 * their role and organisation), an agenda of cases (an identified patient or an anonymous case), and per case the
 * discussion summary, a decision coded with the consultation outcomes, and actions each with an owner and a due date,
 * open in the owner's worklist until done. One stream per meeting. Free text (the case's question, the summary,
 * each action) is about the case's person and sealed with their key (MDT_PERSONAL_FIELDS).
 */
export const MDT_ATTENDEE_ROLES = [...ATTENDEE_ROLES.filter((role) => role !== 'specialist'), ...SPECIALISMS, 'social-worker', 'chair'] as const;
export type MdtAttendeeRole = (typeof MDT_ATTENDEE_ROLES)[number];

export interface MdtAttendee {
  userId: string;
  role: MdtAttendeeRole;
  organisationId: string;
}

export interface MdtMeetingFacts {
  meetingId: string;
  /** The organisation that runs the meeting (its record holder: it keeps the agenda, the discussions and decisions). */
  hostOrganisationId: string;
  /** Every organisation of the meeting: the host and each attendee's. Only they see it. */
  organisationIds: string[];
  startsAt: string;
  /** The team's name (e.g. "North locality PCN mental health MDT"): no person in it. */
  team: string;
  attendees: MdtAttendee[];
}

export type MdtCaseSubject = { kind: 'identified'; patientSubjectId: string } | { kind: 'anonymous' };

/**
 * The person's consent to the referral an MDT decided (issue 16 item 6): confirmed (who heard them agree —
 * `requesting-clinician` is the clinician who presented the case, `specialist` a member of the team — and when), or
 * the recognised reason it was not needed (the same codes as a consultation request's: a best-interests decision for
 * a person who lacks capacity, a serious risk of harm, a legal requirement; hazard H-MR2).
 */
export type MdtReferralConsent = ReferralConsentConfirmation | { personConsented: false; notNeededBecause: ConsentNotNeededReason };

/**
 * The referral an MDT case's decision asks the referrals service to create: what a consultation's referral carries
 * (the same intake answers, hazard H-CB1) with the MDT's consent (confirmed or not needed).
 */
export interface MdtReferralRequest {
  referralRequestId: string;
  receivingOrganisationId: string;
  targetStep: ReferralRequest['targetStep'];
  urgency: ReferralRequest['urgency'];
  riskIndicators: ReferralRiskAnswers;
  presentingProblems: string[];
  consent: MdtReferralConsent;
}

/** What the recording clinician supplies for the referral (each intake answer possibly missing: the decider names it). */
export type MdtReferralInput = Omit<ReferralRequestInput, 'consent'> & {
  consent?: (NonNullable<ReferralRequestInput['consent']> & { notNeededBecause?: string | null }) | null;
};

export interface MdtCase {
  caseId: string;
  subject: MdtCaseSubject;
  presentingOrganisationId: string;
  presentedBy: string;
  question: string;
  discussion: {
    summary: string;
    decision: ConsultationOutcome;
    /** The referral the decision asks for (identified case, referral decision); absent on decisions recorded before it. */
    referral?: MdtReferralRequest | null;
    /** The step change the decision proposes to the episode's provider; absent on decisions recorded before it. */
    stepChange?: StepChangeProposal | null;
    recordedBy: string;
    recordedAt: string;
  } | null;
}

export interface MdtAction {
  actionId: string;
  caseId: string;
  description: string;
  owner: { userId: string; organisationId: string };
  /** Europe/London date, YYYY-MM-DD. */
  dueDate: string;
  completedAt: string | null;
}

type By = { userId: string; organisationId: string };
export type ScheduleMdtMeeting = { type: 'ScheduleMdtMeeting'; meeting: Omit<MdtMeetingFacts, 'organisationIds'>; by: By; at: string };
export type AddMdtCase = { type: 'AddMdtCase'; caseId: string; subject: MdtCaseSubject; question: string; by: By; at: string };
export type RecordMdtDiscussion = {
  type: 'RecordMdtDiscussion';
  caseId: string;
  summary: string;
  decision: ConsultationOutcome;
  referral?: MdtReferralInput | null;
  stepChange?: StepChangeProposal | null;
  by: By;
  at: string;
};
export type AgreeMdtAction = { type: 'AgreeMdtAction'; caseId: string; actionId: string; description: string; owner: { userId: string; organisationId: string }; dueDate: string; by: By; at: string };
export type CompleteMdtAction = { type: 'CompleteMdtAction'; actionId: string; by: By; at: string };
export type MdtCommand = ScheduleMdtMeeting | AddMdtCase | RecordMdtDiscussion | AgreeMdtAction | CompleteMdtAction;

export type MdtMeetingScheduled = { type: 'MdtMeetingScheduled'; data: MdtMeetingFacts & { scheduledBy: string; scheduledAt: string } };
export type MdtCaseAdded = { type: 'MdtCaseAdded'; data: { meetingId: string; caseId: string; subject: MdtCaseSubject; question: string; presentingOrganisationId: string; presentedBy: string; addedAt: string } };
export type MdtCaseDiscussed = {
  type: 'MdtCaseDiscussed';
  data: {
    meetingId: string;
    caseId: string;
    /** The meeting's host and the case's presenting organisation (what referrals names as decider and referrer); absent on discussions recorded before them. */
    hostOrganisationId?: string;
    presentingOrganisationId?: string;
    summary: string;
    decision: ConsultationOutcome;
    /** Since issue 16 item 6's "one step from advice to action": absent on discussions recorded before it. */
    referral?: MdtReferralRequest | null;
    stepChange?: StepChangeProposal | null;
    recordedBy: string;
    recordedAt: string;
  };
};
export type MdtActionAgreed = {
  type: 'MdtActionAgreed';
  data: { meetingId: string; caseId: string; actionId: string; description: string; owner: { userId: string; organisationId: string }; dueDate: string; agreedBy: string; agreedAt: string };
};
export type MdtActionCompleted = { type: 'MdtActionCompleted'; data: { meetingId: string; caseId: string; actionId: string; completedBy: string; completedAt: string } };
export type MdtEvent = MdtMeetingScheduled | MdtCaseAdded | MdtCaseDiscussed | MdtActionAgreed | MdtActionCompleted;

export type MdtState = { status: 'None' } | { status: 'Scheduled'; meeting: MdtMeetingFacts; cases: MdtCase[]; actions: MdtAction[] };
export type MdtMeetingState = Extract<MdtState, { status: 'Scheduled' }>;

/** Free text about the case's person: sealed with their key (an anonymous case: its own key) by the event store's codec. */
export const MDT_PERSONAL_FIELDS = {
  MdtCaseAdded: ['question'],
  MdtCaseDiscussed: ['summary'],
  MdtActionAgreed: ['description'],
} as const satisfies PersonalFieldsOf<MdtEvent>;

const MAX_TEXT = 4000;
const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const text = (value: string, field: string): string => {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_TEXT) throw new DomainError('INVALID_TEXT', `${field} is 1 to ${MAX_TEXT} characters`);
  return trimmed;
};

const caseOf = (state: MdtMeetingState, caseId: string): MdtCase => {
  const found = state.cases.find((c) => c.caseId === caseId);
  if (!found) throw new DomainError('MDT_CASE_NOT_FOUND', 'No such case on the meeting’s agenda');
  return found;
};

const isMember = (state: MdtMeetingState, organisationId: string): boolean => state.meeting.organisationIds.includes(organisationId);

/** The consent to an MDT's referral: a confirmation checked as a consultation's, or a recognised reason it was not needed. */
function mdtConsent(input: MdtReferralInput['consent'], decidedAt: string): { missing: string[]; consent: () => MdtReferralConsent } {
  const reason = input?.notNeededBecause;
  if (reason !== undefined && reason !== null) {
    return {
      missing: [],
      consent: () => {
        if (input?.personConsented === true || !includes(CONSENT_NOT_NEEDED_REASONS, reason)) {
          throw new DomainError('INVALID_REFERRAL_CONSENT', 'referral.consent.notNeededBecause is a recognised reason, given only when the person did not consent', { field: 'referral.consent.notNeededBecause' });
        }
        return { personConsented: false, notNeededBecause: reason };
      },
    };
  }
  return { missing: missingConsentConfirmation(input), consent: () => consentConfirmation(input, decidedAt) };
}

/**
 * What an MDT decision asks of the referrals service, exactly as a consultation's answer does (one step from advice
 * to action, issue 16 items 5 and 6): a referral outcome about an identified person needs the referral with the
 * intake's answers and the consent (or why it was not needed); `step-change` needs the episode, its provider and the
 * step. An anonymous case names nobody and takes neither (422). `direct-psychological-therapy` is the team taking the
 * person on: no referral. Decided after the summary and decision are checked, before anything is written.
 */
function decisionRequests(command: RecordMdtDiscussion, mdtCase: MdtCase): { referral: MdtReferralRequest | null; stepChange: StepChangeProposal | null } {
  const identified = mdtCase.subject.kind === 'identified';
  const step = REFERRAL_OUTCOME_STEPS[command.decision];
  const input = command.referral ?? null;
  let referral: MdtReferralRequest | null = null;
  if (input && !identified) throw new DomainError('REFERRAL_NOT_EXPECTED', 'An anonymous case cannot be referred: the presenting clinician refers the person');
  if (step !== undefined && needsReferralIntake(command.decision) && identified) {
    if (!input) throw new DomainError('REFERRAL_DETAILS_REQUIRED', 'A decision that means a referral names the receiving organisation and urgency', { field: 'referral' });
    if (!includes(REFERRAL_URGENCIES, input.urgency)) throw new DomainError('INVALID_URGENCY', 'Unknown referral urgency');
    const consent = mdtConsent(input.consent, command.at);
    const answers = referralIntakeAnswers(input, consent.missing);
    referral = { referralRequestId: input.referralRequestId, receivingOrganisationId: input.receivingOrganisationId, targetStep: step, urgency: input.urgency, ...answers, consent: consent.consent() };
  } else if (input) {
    throw new DomainError('REFERRAL_NOT_EXPECTED', 'This decision does not mean a referral');
  }
  const stepChange = command.stepChange ?? null;
  if (command.decision === 'step-change') {
    if (!identified) throw new DomainError('STEP_CHANGE_NEEDS_PATIENT', 'A step change needs an identified patient’s episode');
    if (!stepChange) throw new DomainError('STEP_CHANGE_DETAILS_REQUIRED', 'A step change names the episode, its providing organisation and the step', { field: 'stepChange' });
    if (!includes(CARE_STEPS, stepChange.proposedStep)) throw new DomainError('INVALID_STEP', 'Unknown care step');
  } else if (stepChange) {
    throw new DomainError('STEP_CHANGE_NOT_EXPECTED', 'Only the step-change decision proposes a step change');
  }
  return { referral, stepChange };
}

/** The organisations of a meeting: the host's, then each attendee's, once each. */
export const meetingOrganisations = (meeting: Omit<MdtMeetingFacts, 'organisationIds'>): string[] => [...new Set([meeting.hostOrganisationId, ...meeting.attendees.map((a) => a.organisationId)])];

/**
 * Scheduling the same meeting again, adding the same case, recording the same discussion, agreeing the same action or
 * completing a completed action writes nothing; a different discussion of a case already discussed is 409.
 */
export const mdtDecider: Decider<MdtCommand, MdtEvent, MdtState> = {
  initialState: { status: 'None' },
  decide(command, state) {
    if (command.type === 'ScheduleMdtMeeting') {
      const m = command.meeting;
      if (m.attendees.length === 0 || !m.attendees.every((a) => includes(MDT_ATTENDEE_ROLES, a.role))) {
        throw new DomainError('INVALID_ATTENDEES', 'At least one attendee, each with a known role');
      }
      const meeting: MdtMeetingFacts = { ...m, team: text(m.team, 'team'), organisationIds: meetingOrganisations(m) };
      if (state.status !== 'None') {
        if (sameFacts(state.meeting, meeting)) return [];
        throw new DomainError('MEETING_ID_CONFLICT', 'A different meeting has this id');
      }
      return [{ type: 'MdtMeetingScheduled', data: { ...meeting, scheduledBy: command.by.userId, scheduledAt: command.at } }];
    }
    if (state.status === 'None') throw new DomainError('MDT_MEETING_NOT_FOUND', 'No such MDT meeting');
    const meetingId = state.meeting.meetingId;
    switch (command.type) {
      case 'AddMdtCase': {
        if (!isMember(state, command.by.organisationId)) throw new DomainError('NOT_MEETING_ORGANISATION', 'Only an organisation of the meeting puts a case on its agenda');
        const question = text(command.question, 'question');
        const existing = state.cases.find((c) => c.caseId === command.caseId);
        if (existing) {
          if (sameFacts([existing.subject, existing.question, existing.presentingOrganisationId], [command.subject, question, command.by.organisationId])) return [];
          throw new DomainError('MDT_CASE_ID_CONFLICT', 'A different case has this id');
        }
        return [{ type: 'MdtCaseAdded', data: { meetingId, caseId: command.caseId, subject: command.subject, question, presentingOrganisationId: command.by.organisationId, presentedBy: command.by.userId, addedAt: command.at } }];
      }
      case 'RecordMdtDiscussion': {
        const mdtCase = caseOf(state, command.caseId);
        if (!includes(CONSULTATION_OUTCOMES, command.decision)) throw new DomainError('INVALID_OUTCOME', 'Unknown decision code');
        const summary = text(command.summary, 'summary');
        if (mdtCase.discussion) {
          // A retry of the same decision writes nothing (its referral and step change were decided with it).
          if (mdtCase.discussion.summary === summary && mdtCase.discussion.decision === command.decision) return [];
          throw new DomainError('ILLEGAL_TRANSITION', 'The case was already discussed with another summary or decision', { status: 'discussed' });
        }
        const { referral, stepChange } = decisionRequests(command, mdtCase);
        return [
          {
            type: 'MdtCaseDiscussed',
            data: {
              meetingId,
              caseId: command.caseId,
              hostOrganisationId: state.meeting.hostOrganisationId,
              presentingOrganisationId: mdtCase.presentingOrganisationId,
              summary,
              decision: command.decision,
              referral,
              stepChange,
              recordedBy: command.by.userId,
              recordedAt: command.at,
            },
          },
        ];
      }
      case 'AgreeMdtAction': {
        caseOf(state, command.caseId);
        const description = text(command.description, 'description');
        if (!LOCAL_DATE.test(command.dueDate)) throw new DomainError('INVALID_LOCAL_DATE', 'dueDate is a date, YYYY-MM-DD');
        if (!isMember(state, command.owner.organisationId)) throw new DomainError('OWNER_NOT_IN_MEETING', 'An action’s owner belongs to an organisation of the meeting');
        const existing = state.actions.find((a) => a.actionId === command.actionId);
        if (existing) {
          if (sameFacts([existing.caseId, existing.description, existing.owner, existing.dueDate], [command.caseId, description, command.owner, command.dueDate])) return [];
          throw new DomainError('MDT_ACTION_ID_CONFLICT', 'A different action has this id');
        }
        return [
          {
            type: 'MdtActionAgreed',
            data: { meetingId, caseId: command.caseId, actionId: command.actionId, description, owner: command.owner, dueDate: command.dueDate, agreedBy: command.by.userId, agreedAt: command.at },
          },
        ];
      }
      case 'CompleteMdtAction': {
        const action = state.actions.find((a) => a.actionId === command.actionId);
        if (!action) throw new DomainError('MDT_ACTION_NOT_FOUND', 'No such action');
        if (action.completedAt !== null) return [];
        return [{ type: 'MdtActionCompleted', data: { meetingId, caseId: action.caseId, actionId: action.actionId, completedBy: command.by.userId, completedAt: command.at } }];
      }
      default:
        return assertNever(command, 'MDT command');
    }
  },
  evolve(state, event) {
    if (event.type === 'MdtMeetingScheduled') {
      const { scheduledBy: _by, scheduledAt: _at, ...meeting } = event.data;
      return { status: 'Scheduled', meeting, cases: [], actions: [] };
    }
    if (state.status === 'None') return state;
    switch (event.type) {
      case 'MdtCaseAdded': {
        const d = event.data;
        return { ...state, cases: [...state.cases, { caseId: d.caseId, subject: d.subject, presentingOrganisationId: d.presentingOrganisationId, presentedBy: d.presentedBy, question: d.question, discussion: null }] };
      }
      case 'MdtCaseDiscussed': {
        const d = event.data;
        return { ...state, cases: state.cases.map((c) => (c.caseId === d.caseId ? { ...c, discussion: { summary: d.summary, decision: d.decision, referral: d.referral ?? null, stepChange: d.stepChange ?? null, recordedBy: d.recordedBy, recordedAt: d.recordedAt } } : c)) };
      }
      case 'MdtActionAgreed': {
        const d = event.data;
        return { ...state, actions: [...state.actions, { actionId: d.actionId, caseId: d.caseId, description: d.description, owner: d.owner, dueDate: d.dueDate, completedAt: null }] };
      }
      case 'MdtActionCompleted':
        return { ...state, actions: state.actions.map((a) => (a.actionId === event.data.actionId ? { ...a, completedAt: event.data.completedAt } : a)) };
      default:
        return assertNever(event, 'MDT event');
    }
  },
};
