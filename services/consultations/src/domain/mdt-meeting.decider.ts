import { assertNever, DomainError, sameFacts, type Decider, type PersonalFieldsOf } from '@stepwell/decider';
import { ATTENDEE_ROLES, CONSULTATION_OUTCOMES, includes, SPECIALISMS, type ConsultationOutcome } from './vocabulary';

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

export interface MdtCase {
  caseId: string;
  subject: MdtCaseSubject;
  presentingOrganisationId: string;
  presentedBy: string;
  question: string;
  discussion: { summary: string; decision: ConsultationOutcome; recordedBy: string; recordedAt: string } | null;
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
export type RecordMdtDiscussion = { type: 'RecordMdtDiscussion'; caseId: string; summary: string; decision: ConsultationOutcome; by: By; at: string };
export type AgreeMdtAction = { type: 'AgreeMdtAction'; caseId: string; actionId: string; description: string; owner: { userId: string; organisationId: string }; dueDate: string; by: By; at: string };
export type CompleteMdtAction = { type: 'CompleteMdtAction'; actionId: string; by: By; at: string };
export type MdtCommand = ScheduleMdtMeeting | AddMdtCase | RecordMdtDiscussion | AgreeMdtAction | CompleteMdtAction;

export type MdtMeetingScheduled = { type: 'MdtMeetingScheduled'; data: MdtMeetingFacts & { scheduledBy: string; scheduledAt: string } };
export type MdtCaseAdded = { type: 'MdtCaseAdded'; data: { meetingId: string; caseId: string; subject: MdtCaseSubject; question: string; presentingOrganisationId: string; presentedBy: string; addedAt: string } };
export type MdtCaseDiscussed = { type: 'MdtCaseDiscussed'; data: { meetingId: string; caseId: string; summary: string; decision: ConsultationOutcome; recordedBy: string; recordedAt: string } };
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
          if (mdtCase.discussion.summary === summary && mdtCase.discussion.decision === command.decision) return [];
          throw new DomainError('ILLEGAL_TRANSITION', 'The case was already discussed with another summary or decision', { status: 'discussed' });
        }
        return [{ type: 'MdtCaseDiscussed', data: { meetingId, caseId: command.caseId, summary, decision: command.decision, recordedBy: command.by.userId, recordedAt: command.at } }];
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
        return { ...state, cases: state.cases.map((c) => (c.caseId === d.caseId ? { ...c, discussion: { summary: d.summary, decision: d.decision, recordedBy: d.recordedBy, recordedAt: d.recordedAt } } : c)) };
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
