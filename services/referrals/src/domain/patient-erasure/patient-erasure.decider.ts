import type { ErasureLawfulBasis } from '@stepwell/contracts';
import { assertNever, type Decider, DomainError } from '@stepwell/decider';

/**
 * Erasure by shredding (issue 15), one stream per person (`erasure-<patient subject id>`): a privacy officer's
 * decision, then each service's confirmation that it destroyed the person's data keys (referrals' own at once, the
 * other services' as their `<service>.patient-erasure-confirmed` arrives; a second confirmation by a service is a
 * redelivery and records nothing). The decision and the
 * confirmations stay for audit (who decided, on what basis, when, what was shredded); the personal fields of every
 * other event read as `[erased]` from then on. Pure: ids, times and the merged records arrive in the command.
 */

/** The privacy officer's decision: whose data, on which lawful basis, why (in words for the audit trail). */
export interface ErasureDecision {
  erasureId: string;
  /** The record named in the request. */
  patientSubjectId: string;
  /** That record and the records merged into it: the person is all of them. */
  patientSubjectIds: string[];
  lawfulBasis: ErasureLawfulBasis;
  /**
   * Why, for the audit trail. Kept readable after the erasure (it is the record of the erasure itself): the request
   * says it must not repeat the person's details.
   */
  reason: string;
  decidedByOrganisation: string;
  decidedAt: string;
}

export type DecideErasure = { type: 'DecideErasure'; data: ErasureDecision };
export type RecordKeysShredded = {
  type: 'RecordKeysShredded';
  data: { erasureId: string; service: string; keysShredded: number; shreddedAt: string };
};
/**
 * The erasure's confirmations stayed awaited past the wait (`ERASURE_OVERDUE_DAYS`): recorded once, for the privacy
 * officers' worklist (`GET /patients/erasures/overdue`). Hazard H-PD5.
 */
export type MarkErasureOverdue = {
  type: 'MarkErasureOverdue';
  data: { erasureId: string; awaiting: string[]; overdueDays: number; detectedAt: string };
};
export type PatientErasureCommand = DecideErasure | RecordKeysShredded | MarkErasureOverdue;

export type PatientErasureDecided = { type: 'PatientErasureDecided'; data: ErasureDecision };
/** A service destroyed the person's data keys for this erasure (`keysShredded` by this confirmation, 0 when none held). */
export type PersonalDataKeysShredded = {
  type: 'PersonalDataKeysShredded';
  data: { erasureId: string; patientSubjectIds: string[]; service: string; keysShredded: number; shreddedAt: string };
};
/** Services named in `awaiting` had not confirmed `overdueDays` days after the decision (ids and names only). */
export type ErasureConfirmationsOverdue = { type: 'ErasureConfirmationsOverdue'; data: MarkErasureOverdue['data'] };
export type PatientErasureEvent = PatientErasureDecided | PersonalDataKeysShredded | ErasureConfirmationsOverdue;

/** One service's confirmation that it shredded the person's keys for an erasure. */
export interface ErasureConfirmation {
  service: string;
  keysShredded: number;
  shreddedAt: string;
}

export interface PatientErasureState {
  /**
   * Every erasure decided for the person, oldest first, with the services that confirmed shredding (`confirmedBy`,
   * in the order they confirmed) and their confirmations.
   */
  erasures: Array<ErasureDecision & { confirmedBy: string[]; confirmations: ErasureConfirmation[]; overdue?: ErasureConfirmationsOverdue['data'] }>;
}

export class ErasureNotFoundError extends DomainError {
  constructor(erasureId: string) {
    super('ERASURE_NOT_FOUND', `No erasure ${erasureId} was decided for this person`, { erasureId });
    this.name = 'ErasureNotFoundError';
  }
}

function decide(command: PatientErasureCommand, state: PatientErasureState): PatientErasureEvent[] {
  switch (command.type) {
    case 'DecideErasure':
      // The same decision again (a retry that lost its idempotency key) changes nothing.
      if (state.erasures.some((erasure) => erasure.erasureId === command.data.erasureId)) return [];
      return [{ type: 'PatientErasureDecided', data: command.data }];
    case 'RecordKeysShredded': {
      const erasure = state.erasures.find((candidate) => candidate.erasureId === command.data.erasureId);
      if (!erasure) throw new ErasureNotFoundError(command.data.erasureId);
      if (erasure.confirmedBy.includes(command.data.service)) return [];
      return [{ type: 'PersonalDataKeysShredded', data: { ...command.data, patientSubjectIds: erasure.patientSubjectIds } }];
    }
    case 'MarkErasureOverdue': {
      const erasure = state.erasures.find((candidate) => candidate.erasureId === command.data.erasureId);
      if (!erasure) throw new ErasureNotFoundError(command.data.erasureId);
      // Once per erasure; and only for services still awaited (a confirmation that arrived meanwhile is not overdue).
      const awaiting = command.data.awaiting.filter((service) => !erasure.confirmedBy.includes(service));
      if (erasure.overdue || awaiting.length === 0) return [];
      return [{ type: 'ErasureConfirmationsOverdue', data: { ...command.data, awaiting } }];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: PatientErasureState, event: PatientErasureEvent): PatientErasureState {
  switch (event.type) {
    case 'PatientErasureDecided':
      return { erasures: [...state.erasures, { ...event.data, confirmedBy: [], confirmations: [] }] };
    case 'PersonalDataKeysShredded':
      return {
        erasures: state.erasures.map((erasure) =>
          erasure.erasureId === event.data.erasureId
            ? {
                ...erasure,
                confirmedBy: [...erasure.confirmedBy, event.data.service],
                confirmations: [...erasure.confirmations, { service: event.data.service, keysShredded: event.data.keysShredded, shreddedAt: event.data.shreddedAt }],
              }
            : erasure,
        ),
      };
    case 'ErasureConfirmationsOverdue':
      return { erasures: state.erasures.map((erasure) => (erasure.erasureId === event.data.erasureId ? { ...erasure, overdue: event.data } : erasure)) };
    default:
      return assertNever(event);
  }
}

export const patientErasureDecider: Decider<PatientErasureCommand, PatientErasureEvent, PatientErasureState> = {
  initialState: { erasures: [] },
  decide,
  evolve,
};

export const ERASURE_CATEGORY = 'erasure';
export const erasureStreamId = (patientSubjectId: string): string => `${ERASURE_CATEGORY}-${patientSubjectId}`;
