import { actorOf } from './actor';
import type { Principal } from './principal';

const gpClinicianAndReferrer: Principal = {
  userId: 'u-gp-1',
  displayName: 'Dr Test',
  organisationId: 'A81001',
  organisationType: 'gp-practice',
  roles: ['clinician', 'referrer'],
};

describe('actorOf', () => {
  it('records the first role of the route’s list that the principal holds', () => {
    expect(actorOf(gpClinicianAndReferrer, ['referrer', 'clinician', 'admin'])).toEqual({
      userId: 'u-gp-1',
      organisationId: 'A81001',
      role: 'referrer',
    });
    expect(actorOf(gpClinicianAndReferrer, ['admin', 'clinician'])).toMatchObject({ role: 'clinician' });
  });

  it('falls back to the principal’s first role when the route names none', () => {
    expect(actorOf(gpClinicianAndReferrer)).toMatchObject({ role: 'clinician' });
  });

  it('refuses a principal holding none of the allowed roles', () => {
    expect(() => actorOf(gpClinicianAndReferrer, ['auditor'])).toThrow();
  });
});
