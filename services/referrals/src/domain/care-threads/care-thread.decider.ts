import { assertNever, type Decider, DomainError, type PersonalFieldsOf } from '@stepwell/decider';
import type { AgeBand } from './age-band';

/**
 * Gap watch (issue 18): a person's *care-seeking thread*. It opens when a referral for them is refused — declined,
 * returned with advice, signposted or referred on (the four triage outcomes that leave nobody holding their care) —
 * and stays open, through every further refusal, until some organisation accepts care or the referring organisation
 * closes it with a reason. One stream per person (`carethread-<patientSubjectId>`): at most one thread is open at a
 * time, and the person's refusals across threads decide the 90-day flag. Pure: time, ids, policy and looked-up
 * facts arrive in the command.
 */
export const CARE_THREAD_CATEGORY = 'carethread';
export const careThreadStreamId = (patientSubjectId: string): string => `${CARE_THREAD_CATEGORY}-${patientSubjectId}`;

/** The triage outcomes that refuse a referral (the referral decider's `ReferralDeclined` … `ReferralReferredOn`). */
export const REFUSAL_OUTCOMES = ['decline', 'return-with-advice', 'signpost', 'refer-on'] as const;
export type RefusalOutcome = (typeof REFUSAL_OUTCOMES)[number];

/** Why the referring organisation closed a thread without another organisation accepting care. */
export const CARE_THREAD_CLOSE_REASONS = ['managed-in-primary-care', 'patient-declined', 'moved-away', 'died'] as const;
export type CareThreadCloseReason = (typeof CARE_THREAD_CLOSE_REASONS)[number];

/**
 * What counts as an organisation accepting care: `referral-accepted` (a referral accepted here, which opens a care
 * episode), `consultation-accepted` (a consultation answered with the outcome `direct-psychological-therapy`: the
 * consultation service takes the person on; consultations topic) and `social-prescription-accepted` (the directory's
 * community organisation accepts a social prescription's direct referral; directory topic) and `mdt-case-accepted` (an
 * MDT case discussion decided `direct-psychological-therapy`: the host organisation's team takes the person on, the
 * case its `sourceId`; published as `consultation-accepted`, the frozen vocabulary of `referrals.care-thread-resolved`
 * v1, since the consultations service accepted care either way — hazard H-MF1). The consumers map each
 * integration event to `RecordCareAccepted` with that source (`CareThreadReactor.recordCareAccepted`).
 */
export const CARE_ACCEPTANCE_SOURCES = ['referral-accepted', 'consultation-accepted', 'mdt-case-accepted', 'social-prescription-accepted'] as const;
export type CareAcceptanceSource = (typeof CARE_ACCEPTANCE_SOURCES)[number];

/** Refused by this many different services within the window: flagged for a consultation or MDT discussion. */
export const FLAG_REFUSING_SERVICES = 2;
export const FLAG_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

/** Who took a decision: the organisation and the role the person acted in (never a name). */
export interface DecidedBy {
  organisationId: string;
  role: string;
}

export interface RefusalFacts {
  referralId: string;
  /** When the refused referral was received. */
  referralReceivedAt: string;
  /** The organisation that referred (for a self-referral: the registered GP practice), or null when there is none. */
  referringOrganisationId: string | null;
  /** The organisation that refused (the referral's receiving organisation). */
  refusingOrganisationId: string;
  outcome: RefusalOutcome;
  /** `decline` only: the decline reason code. */
  declineReason: string | null;
  /** `refer-on` only: where to, and to whom when named. */
  referOnDestination: string | null;
  destinationOrganisationId: string | null;
  /** `signpost` only: the service suggested (its name as triage gave it, and its directory id when known). */
  signpostedService: string | null;
  directoryServiceId: string | null;
  decidedBy: DecidedBy;
  decidedAt: string;
  /** Risk indicators (self-harm, suicidal thoughts, harm to others) were ticked, or the urgency was crisis. */
  riskIndicated: boolean;
  /**
   * The person's age band when the referral was received (for the commissioner's equity view; hazard H-GW8): sealed
   * with the person's key (`CARE_THREAD_PERSONAL_FIELDS`), never published. Absent from refusals recorded before it.
   */
  ageBand?: AgeBand | null;
}

// ---- commands ----
export type RecordRefusal = { type: 'RecordRefusal'; data: RefusalFacts & { patientSubjectId: string; threadId: string } };
export type RecordCareAccepted = {
  type: 'RecordCareAccepted';
  data: { patientSubjectId: string; source: CareAcceptanceSource; sourceId: string; acceptingOrganisationId: string; acceptedAt: string };
};
export type CloseCareThread = {
  type: 'CloseCareThread';
  data: { threadId: string; reason: CareThreadCloseReason; closedBy: DecidedBy; closedAt: string };
};
/** The overdue check's question: has this thread waited too long? The days come from configuration. */
export type MarkCareThreadOverdue = {
  type: 'MarkCareThreadOverdue';
  data: { threadId: string; detectedAt: string; overdueDays: number; overdueDaysWithRisk: number };
};
export type CareThreadCommand = RecordRefusal | RecordCareAccepted | CloseCareThread | MarkCareThreadOverdue;

// ---- events ----
export type CareThreadOpened = {
  type: 'CareThreadOpened';
  data: {
    threadId: string;
    patientSubjectId: string;
    referringOrganisationId: string | null;
    /** The refusal that opened it: who, how, and whether risk was indicated. */
    refusingOrganisationId: string;
    outcome: RefusalOutcome;
    riskIndicated: boolean;
    firstReferralReceivedAt: string;
    openedAt: string;
  };
};
export type CareThreadRefusalRecorded = { type: 'CareThreadRefusalRecorded'; data: RefusalFacts & { threadId: string } };
export type CareThreadFlagged = {
  type: 'CareThreadFlagged';
  data: {
    threadId: string;
    referringOrganisationId: string | null;
    refusingOrganisationIds: string[];
    refusalCount: number;
    riskIndicated: boolean;
    flaggedAt: string;
  };
};
export type CareThreadOverdue = {
  type: 'CareThreadOverdue';
  data: { threadId: string; referringOrganisationId: string | null; openedAt: string; dueAt: string; overdueAfterDays: number; riskIndicated: boolean; detectedAt: string };
};
export type CareThreadResolved = {
  type: 'CareThreadResolved';
  data: {
    threadId: string;
    referringOrganisationId: string | null;
    how: 'care-accepted' | 'closed-by-referrer';
    acceptance: { source: CareAcceptanceSource; sourceId: string; acceptingOrganisationId: string } | null;
    closeReason: CareThreadCloseReason | null;
    closedBy: DecidedBy | null;
    openedAt: string;
    firstReferralReceivedAt: string;
    resolvedAt: string;
  };
};
export type CareThreadEvent = CareThreadOpened | CareThreadRefusalRecorded | CareThreadFlagged | CareThreadOverdue | CareThreadResolved;

/** What describes the person in the care-thread events (issue 15): their age band, derived from the date of birth. */
export const CARE_THREAD_PERSONAL_FIELDS = {
  CareThreadRefusalRecorded: ['ageBand'],
} as const satisfies PersonalFieldsOf<CareThreadEvent>;

// ---- state ----
export interface OpenCareThread {
  threadId: string;
  /** The organisation that owns the thread (its view and its task): the referrer of the first refused referral. */
  referringOrganisationId: string | null;
  openedAt: string;
  firstReferralReceivedAt: string;
  riskIndicated: boolean;
  overdue: boolean;
  flagged: boolean;
}

export interface CareThreadState {
  patientSubjectId: string | null;
  open: OpenCareThread | null;
  /** Every refusal of the person (for the 90-day flag and to record each referral once). */
  refusals: ReadonlyArray<{ referralId: string; organisationId: string; decidedAt: string }>;
  /** Every thread id the stream has held (a closed thread's id never reopens). */
  threadIds: readonly string[];
}

export const initialCareThreadState: CareThreadState = { patientSubjectId: null, open: null, refusals: [], threadIds: [] };

/** `CARE_THREAD_NOT_FOUND` (404) or `CARE_THREAD_ALREADY_RESOLVED` (409). */
export class CareThreadError extends DomainError {
  constructor(code: 'CARE_THREAD_NOT_FOUND' | 'CARE_THREAD_ALREADY_RESOLVED', message: string) {
    super(code, message);
    this.name = 'CareThreadError';
  }
}

/** When an open thread falls overdue: 14 days after it opened, 2 with risk (configurable; hazard H-GW2). */
export function overdueAt(thread: Pick<OpenCareThread, 'openedAt' | 'riskIndicated'>, overdueDays: number, overdueDaysWithRisk: number): string {
  const days = thread.riskIndicated ? overdueDaysWithRisk : overdueDays;
  return new Date(Date.parse(thread.openedAt) + days * DAY_MS).toISOString();
}

function recordRefusal(command: RecordRefusal, state: CareThreadState): CareThreadEvent[] {
  const { patientSubjectId, threadId, ...facts } = command.data;
  // Each referral is recorded once, whatever the number of deliveries.
  if (state.refusals.some((r) => r.referralId === facts.referralId)) return [];
  const events: CareThreadEvent[] = [];
  let open = state.open;
  if (open === null) {
    if (state.threadIds.includes(threadId)) throw new CareThreadError('CARE_THREAD_ALREADY_RESOLVED', 'A resolved thread does not reopen: a new refusal opens a new thread');
    open = {
      threadId,
      referringOrganisationId: facts.referringOrganisationId,
      openedAt: facts.decidedAt,
      firstReferralReceivedAt: facts.referralReceivedAt,
      riskIndicated: false,
      overdue: false,
      flagged: false,
    };
    events.push({
      type: 'CareThreadOpened',
      data: {
        threadId,
        patientSubjectId,
        referringOrganisationId: facts.referringOrganisationId,
        refusingOrganisationId: facts.refusingOrganisationId,
        outcome: facts.outcome,
        riskIndicated: facts.riskIndicated,
        firstReferralReceivedAt: facts.referralReceivedAt,
        openedAt: facts.decidedAt,
      },
    });
  }
  events.push({ type: 'CareThreadRefusalRecorded', data: { ...facts, threadId: open.threadId } });
  if (!open.flagged) {
    const since = Date.parse(facts.decidedAt) - FLAG_WINDOW_DAYS * DAY_MS;
    const recent = [...state.refusals, { referralId: facts.referralId, organisationId: facts.refusingOrganisationId, decidedAt: facts.decidedAt }]
      .filter((r) => Date.parse(r.decidedAt) >= since && Date.parse(r.decidedAt) <= Date.parse(facts.decidedAt))
      .sort((a, b) => Date.parse(a.decidedAt) - Date.parse(b.decidedAt));
    const organisations = [...new Set(recent.map((r) => r.organisationId))];
    if (organisations.length >= FLAG_REFUSING_SERVICES) {
      events.push({
        type: 'CareThreadFlagged',
        data: {
          threadId: open.threadId,
          referringOrganisationId: open.referringOrganisationId,
          refusingOrganisationIds: organisations,
          refusalCount: recent.length,
          riskIndicated: open.riskIndicated || facts.riskIndicated,
          flaggedAt: facts.decidedAt,
        },
      });
    }
  }
  return events;
}

function decide(command: CareThreadCommand, state: CareThreadState): CareThreadEvent[] {
  switch (command.type) {
    case 'RecordRefusal':
      return recordRefusal(command, state);
    case 'RecordCareAccepted': {
      // Care accepted while no thread is open (a first referral accepted at once) leaves nothing to resolve.
      const open = state.open;
      if (open === null) return [];
      const { source, sourceId, acceptingOrganisationId, acceptedAt } = command.data;
      // Care accepted before the thread's first refused referral was even made (a late message from another service)
      // answers none of its refusals: the thread stays open for the referrer to see or close (hazard H-GW7). Care
      // accepted while that referral was pending (before or after its refusal) does answer it.
      if (Date.parse(acceptedAt) < Date.parse(open.firstReferralReceivedAt)) return [];
      return [
        {
          type: 'CareThreadResolved',
          data: {
            threadId: open.threadId,
            referringOrganisationId: open.referringOrganisationId,
            how: 'care-accepted',
            acceptance: { source, sourceId, acceptingOrganisationId },
            closeReason: null,
            closedBy: null,
            openedAt: open.openedAt,
            firstReferralReceivedAt: open.firstReferralReceivedAt,
            resolvedAt: acceptedAt,
          },
        },
      ];
    }
    case 'CloseCareThread': {
      const { threadId, reason, closedBy, closedAt } = command.data;
      if (state.open?.threadId !== threadId) {
        if (state.threadIds.includes(threadId)) throw new CareThreadError('CARE_THREAD_ALREADY_RESOLVED', 'The care thread is already resolved');
        throw new CareThreadError('CARE_THREAD_NOT_FOUND', 'No such care thread');
      }
      const open = state.open;
      return [
        {
          type: 'CareThreadResolved',
          data: {
            threadId,
            referringOrganisationId: open.referringOrganisationId,
            how: 'closed-by-referrer',
            acceptance: null,
            closeReason: reason,
            closedBy,
            openedAt: open.openedAt,
            firstReferralReceivedAt: open.firstReferralReceivedAt,
            resolvedAt: closedAt,
          },
        },
      ];
    }
    case 'MarkCareThreadOverdue': {
      const { threadId, detectedAt, overdueDays, overdueDaysWithRisk } = command.data;
      const open = state.open;
      // Resolved meanwhile, another thread, or already overdue: nothing to record (the check's candidates may be stale).
      if (open === null || open.threadId !== threadId || open.overdue) return [];
      const dueAt = overdueAt(open, overdueDays, overdueDaysWithRisk);
      if (Date.parse(detectedAt) < Date.parse(dueAt)) return [];
      return [
        {
          type: 'CareThreadOverdue',
          data: {
            threadId,
            referringOrganisationId: open.referringOrganisationId,
            openedAt: open.openedAt,
            dueAt,
            overdueAfterDays: open.riskIndicated ? overdueDaysWithRisk : overdueDays,
            riskIndicated: open.riskIndicated,
            detectedAt,
          },
        },
      ];
    }
    default:
      return assertNever(command, 'care-thread command');
  }
}

function evolve(state: CareThreadState, event: CareThreadEvent): CareThreadState {
  switch (event.type) {
    case 'CareThreadOpened':
      return {
        ...state,
        patientSubjectId: event.data.patientSubjectId,
        threadIds: [...state.threadIds, event.data.threadId],
        open: {
          threadId: event.data.threadId,
          referringOrganisationId: event.data.referringOrganisationId,
          openedAt: event.data.openedAt,
          firstReferralReceivedAt: event.data.firstReferralReceivedAt,
          riskIndicated: false,
          overdue: false,
          flagged: false,
        },
      };
    case 'CareThreadRefusalRecorded':
      return {
        ...state,
        refusals: [...state.refusals, { referralId: event.data.referralId, organisationId: event.data.refusingOrganisationId, decidedAt: event.data.decidedAt }],
        open: state.open === null ? null : { ...state.open, riskIndicated: state.open.riskIndicated || event.data.riskIndicated },
      };
    case 'CareThreadFlagged':
      return { ...state, open: state.open === null ? null : { ...state.open, flagged: true } };
    case 'CareThreadOverdue':
      return { ...state, open: state.open === null ? null : { ...state.open, overdue: true } };
    case 'CareThreadResolved':
      return { ...state, open: null };
    default:
      return assertNever(event, 'care-thread event');
  }
}

export const careThreadDecider: Decider<CareThreadCommand, CareThreadEvent, CareThreadState> = {
  initialState: initialCareThreadState,
  decide,
  evolve,
};
