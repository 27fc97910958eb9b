import { givenFor } from '@stepwell/decider/testing';
import { ErasureNotFoundError, patientErasureDecider, type DecideErasure, type PatientErasureDecided, type RecordKeysShredded } from './patient-erasure.decider';

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
});
