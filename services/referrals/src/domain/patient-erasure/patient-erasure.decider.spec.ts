import { givenFor } from '@stepwell/decider/testing';
import {
  ErasureNotFoundError,
  patientErasureDecider,
  type DecideErasure,
  type MarkErasureOverdue,
  type PatientErasureDecided,
  type RecordKeysShredded,
} from './patient-erasure.decider';

const given = givenFor(patientErasureDecider);
const decision: DecideErasure = {
  type: 'DecideErasure',
  data: {
    erasureId: 'erasure-1',
    patientSubjectId: 'p-1',
    patientSubjectIds: ['p-1', 'p-2'],
    lawfulBasis: 'art17-1d-unlawfully-processed',
    reason: 'Request ER-1: recorded against the wrong person',
    decidedByOrganisation: 'RXT01',
    decidedAt: '2026-12-02T10:00:00.000Z',
  },
};
const decided: PatientErasureDecided = { type: 'PatientErasureDecided', data: decision.data };
const shredded: RecordKeysShredded = { type: 'RecordKeysShredded', data: { erasureId: 'erasure-1', service: 'referrals', keysShredded: 2, shreddedAt: '2026-12-02T10:00:01.000Z' } };

describe('the erasure decider', () => {
  it('records a privacy officer’s decision', () => {
    given([]).when(decision).then([decided]);
  });

  it('decides nothing when the same erasure is decided again', () => {
    given([decided]).when(decision).then([]);
  });

  it('records a service’s shredding once, naming every record of the person', () => {
    given([decided])
      .when(shredded)
      .then([{ type: 'PersonalDataKeysShredded', data: { ...shredded.data, patientSubjectIds: ['p-1', 'p-2'] } }]);
    given([decided, { type: 'PersonalDataKeysShredded', data: { ...shredded.data, patientSubjectIds: ['p-1', 'p-2'] } }]).when(shredded).then([]);
  });

  it('grows confirmedBy service by service, keeping each confirmation’s count and time', () => {
    const byReferrals = { type: 'PersonalDataKeysShredded' as const, data: { ...shredded.data, patientSubjectIds: ['p-1', 'p-2'] } };
    const byDirectory = { type: 'PersonalDataKeysShredded' as const, data: { ...shredded.data, service: 'directory', keysShredded: 0, patientSubjectIds: ['p-1', 'p-2'] } };
    const state = [decided, byReferrals, byDirectory].reduce(patientErasureDecider.evolve, patientErasureDecider.initialState);
    expect(state.erasures[0]).toMatchObject({
      confirmedBy: ['referrals', 'directory'],
      confirmations: [
        { service: 'referrals', keysShredded: 2, shreddedAt: shredded.data.shreddedAt },
        { service: 'directory', keysShredded: 0, shreddedAt: shredded.data.shreddedAt },
      ],
    });
    given([decided, byReferrals, byDirectory]).when({ ...shredded, data: { ...shredded.data, service: 'directory' } }).then([]);
  });

  it('refuses a confirmation of an erasure never decided', () => {
    given([]).when(shredded).thenThrows(ErasureNotFoundError);
  });

  describe('confirmations overdue (H-PD5)', () => {
    const byReferrals = { type: 'PersonalDataKeysShredded' as const, data: { ...shredded.data, patientSubjectIds: ['p-1', 'p-2'] } };
    const byDirectory = { type: 'PersonalDataKeysShredded' as const, data: { ...shredded.data, service: 'directory', keysShredded: 0, patientSubjectIds: ['p-1', 'p-2'] } };
    const overdue: MarkErasureOverdue = {
      type: 'MarkErasureOverdue',
      data: { erasureId: 'erasure-1', awaiting: ['consultations', 'directory', 'outcomes'], overdueDays: 7, detectedAt: '2026-12-09T10:00:00.000Z' },
    };

    it('records once the services still awaited, leaving out any that confirmed meanwhile', () => {
      const expected = { type: 'ErasureConfirmationsOverdue' as const, data: { ...overdue.data, awaiting: ['consultations', 'outcomes'] } };
      given([decided, byReferrals, byDirectory]).when(overdue).then([expected]);
      given([decided, byReferrals, byDirectory, expected]).when(overdue).then([]);
      const state = [decided, byReferrals, byDirectory, expected].reduce(patientErasureDecider.evolve, patientErasureDecider.initialState);
      expect(state.erasures[0]?.overdue).toEqual(expected.data);
    });

    it('records nothing when every awaited service has confirmed, and refuses an erasure never decided', () => {
      given([decided, byDirectory]).when({ ...overdue, data: { ...overdue.data, awaiting: ['directory'] } }).then([]);
      given([]).when(overdue).thenThrows(ErasureNotFoundError);
    });
  });
});
