import { assertNever, type Decider, DomainError } from '@stepwell/decider';

/**
 * Retention of a person's record (issue 15 item 3), one stream per person (`retention-<patient subject id>`): the date
 * of death when it becomes known, legal holds placed and lifted, and a privacy officer's review once the retention
 * period has ended — destroy (by shredding the person's keys, as an erasure) or extend with a reason. The period
 * itself is `retentionEndsOn` of @stepwell/personal-data (NHS England Records Management Code of Practice 2023); the
 * handler computes it from the record's last contact and passes it in, with today's date: the decider stays pure.
 * Reasons are for the audit trail and stay readable after destruction (the request says not to repeat the person's
 * details), like an erasure's.
 */

export const DEATH_SOURCES = ['personal-demographics-service', 'gp-record', 'coroner', 'hospital-record', 'other'] as const;
export type DeathSource = (typeof DEATH_SOURCES)[number];
export const REVIEW_DECISIONS = ['destroy', 'extend'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export interface LegalHold {
  holdId: string;
  reason: string;
  placedByOrganisation: string;
  placedAt: string;
  liftedAt: string | null;
  liftReason: string | null;
}

export interface RetentionReview {
  reviewId: string;
  decision: ReviewDecision;
  reason: string;
  /** The new end of the period (extend only). */
  extendedUntil: string | null;
  /** The end of the period the review was taken against. */
  dueOn: string;
  reviewedByOrganisation: string;
  reviewedAt: string;
}

export type RecordDateOfDeath = { type: 'RecordDateOfDeath'; data: { diedOn: string; source: DeathSource; recordedAt: string; today: string } };
export type PlaceLegalHold = { type: 'PlaceLegalHold'; data: { holdId: string; reason: string; placedByOrganisation: string; placedAt: string } };
export type LiftLegalHold = { type: 'LiftLegalHold'; data: { holdId: string; reason: string; liftedAt: string } };
export type ReviewRetention = { type: 'ReviewRetention'; data: RetentionReview & { today: string } };
export type RetentionCommand = RecordDateOfDeath | PlaceLegalHold | LiftLegalHold | ReviewRetention;

export type DateOfDeathRecorded = { type: 'DateOfDeathRecorded'; data: { diedOn: string; source: DeathSource; previous: string | null; recordedAt: string } };
export type LegalHoldPlaced = { type: 'LegalHoldPlaced'; data: Omit<LegalHold, 'liftedAt' | 'liftReason'> };
export type LegalHoldLifted = { type: 'LegalHoldLifted'; data: { holdId: string; reason: string; liftedAt: string } };
export type RetentionReviewed = { type: 'RetentionReviewed'; data: RetentionReview };
export type RetentionEvent = DateOfDeathRecorded | LegalHoldPlaced | LegalHoldLifted | RetentionReviewed;

export interface RetentionState {
  diedOn: string | null;
  holds: LegalHold[];
  reviews: RetentionReview[];
  /** The latest extension decided, if any. */
  extendedUntil: string | null;
  /** When a review decided destruction: nothing more is decided for the record after it. */
  destroyedAt: string | null;
}

export type RetentionErrorCode = 'INVALID_DATE' | 'INVALID_VALUE' | 'LEGAL_HOLD_NOT_FOUND' | 'LEGAL_HOLD_ACTIVE' | 'RETENTION_NOT_DUE' | 'RECORD_DESTROYED';

export class RetentionError extends DomainError {
  constructor(code: RetentionErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'RetentionError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function calendarDate(value: string, field: string): void {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new RetentionError('INVALID_DATE', `${field} must be a calendar date (YYYY-MM-DD)`, { field });
  }
}

const activeHolds = (state: RetentionState): LegalHold[] => state.holds.filter((hold) => hold.liftedAt === null);

function decide(command: RetentionCommand, state: RetentionState): RetentionEvent[] {
  if (state.destroyedAt !== null) {
    // A retry of the very review that destroyed the record answers as before; anything else is too late.
    if (command.type === 'ReviewRetention' && state.reviews.some((review) => review.reviewId === command.data.reviewId)) return [];
    throw new RetentionError('RECORD_DESTROYED', 'The record was destroyed at the end of its retention period', { destroyedAt: state.destroyedAt });
  }
  switch (command.type) {
    case 'RecordDateOfDeath': {
      calendarDate(command.data.diedOn, 'diedOn');
      if (command.data.diedOn > command.data.today) throw new RetentionError('INVALID_DATE', 'diedOn is in the future', { field: 'diedOn' });
      if (state.diedOn === command.data.diedOn) return [];
      return [{ type: 'DateOfDeathRecorded', data: { diedOn: command.data.diedOn, source: command.data.source, previous: state.diedOn, recordedAt: command.data.recordedAt } }];
    }
    case 'PlaceLegalHold':
      if (state.holds.some((hold) => hold.holdId === command.data.holdId)) return [];
      return [{ type: 'LegalHoldPlaced', data: command.data }];
    case 'LiftLegalHold': {
      const hold = state.holds.find((candidate) => candidate.holdId === command.data.holdId);
      if (!hold) throw new RetentionError('LEGAL_HOLD_NOT_FOUND', `No legal hold ${command.data.holdId} on this record`, { holdId: command.data.holdId });
      if (hold.liftedAt !== null) return [];
      return [{ type: 'LegalHoldLifted', data: command.data }];
    }
    case 'ReviewRetention': {
      const { today, ...review } = command.data;
      if (state.reviews.some((earlier) => earlier.reviewId === review.reviewId)) return [];
      if (review.dueOn > today) {
        throw new RetentionError('RETENTION_NOT_DUE', `The retention period ends on ${review.dueOn}: no review before then`, { dueOn: review.dueOn });
      }
      if (review.decision === 'destroy') {
        if (review.extendedUntil !== null) throw new RetentionError('INVALID_VALUE', 'extendUntil is for an extension only', { field: 'extendUntil' });
        const holds = activeHolds(state);
        if (holds.length > 0) {
          throw new RetentionError('LEGAL_HOLD_ACTIVE', 'A legal hold is in force: the record cannot be destroyed until it is lifted', { holdIds: holds.map((hold) => hold.holdId) });
        }
      } else {
        if (review.extendedUntil === null) throw new RetentionError('INVALID_VALUE', 'An extension needs extendUntil', { field: 'extendUntil' });
        calendarDate(review.extendedUntil, 'extendUntil');
        if (review.extendedUntil <= today) throw new RetentionError('INVALID_VALUE', 'extendUntil must be after today', { field: 'extendUntil' });
      }
      return [{ type: 'RetentionReviewed', data: review }];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: RetentionState, event: RetentionEvent): RetentionState {
  switch (event.type) {
    case 'DateOfDeathRecorded':
      return { ...state, diedOn: event.data.diedOn };
    case 'LegalHoldPlaced':
      return { ...state, holds: [...state.holds, { ...event.data, liftedAt: null, liftReason: null }] };
    case 'LegalHoldLifted':
      return {
        ...state,
        holds: state.holds.map((hold) => (hold.holdId === event.data.holdId ? { ...hold, liftedAt: event.data.liftedAt, liftReason: event.data.reason } : hold)),
      };
    case 'RetentionReviewed':
      return {
        ...state,
        reviews: [...state.reviews, event.data],
        extendedUntil: event.data.decision === 'extend' ? event.data.extendedUntil : state.extendedUntil,
        destroyedAt: event.data.decision === 'destroy' ? event.data.reviewedAt : null,
      };
    default:
      return assertNever(event);
  }
}

export const retentionDecider: Decider<RetentionCommand, RetentionEvent, RetentionState> = {
  initialState: { diedOn: null, holds: [], reviews: [], extendedUntil: null, destroyedAt: null },
  decide,
  evolve,
};

export const RETENTION_CATEGORY = 'retention';
export const retentionStreamId = (patientSubjectId: string): string => `${RETENTION_CATEGORY}-${patientSubjectId}`;
