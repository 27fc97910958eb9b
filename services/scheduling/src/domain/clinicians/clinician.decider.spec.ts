import { givenFor } from '@stepwell/decider/testing';
import { clinicianDecider, type ClinicianRegistered, type RegisterClinician } from './clinician.decider';

const given = givenFor(clinicianDecider);
const register: RegisterClinician = {
  type: 'RegisterClinician',
  clinicianId: 'c-1',
  name: 'Dr A Example',
  organisationId: 'A81001',
  role: 'psychologist',
  languages: ['en', 'pl'],
  sites: ['site-1'],
  registeredAt: '2026-11-21T09:00:00.000Z',
};
const registered: ClinicianRegistered = {
  type: 'ClinicianRegistered',
  data: {
    clinicianId: 'c-1',
    name: 'Dr A Example',
    organisationId: 'A81001',
    role: 'psychologist',
    languages: ['en', 'pl'],
    sites: ['site-1'],
    registeredAt: '2026-11-21T09:00:00.000Z',
  },
};

describe('clinicianDecider', () => {
  it('registers a new clinician', () => {
    given([]).when(register).then([registered]);
  });

  it('registers nothing again when the same clinician is registered twice', () => {
    given([registered]).when({ ...register, registeredAt: '2026-11-22T09:00:00.000Z' }).then([]);
  });

  it('refuses other facts under an existing clinician id', () => {
    given([registered]).when({ ...register, role: 'gp' }).thenThrows('CLINICIAN_ALREADY_EXISTS');
  });

  it('refuses an unknown role', () => {
    given([]).when({ ...register, role: 'wizard' as never }).thenThrows('INVALID_ROLE');
  });

  it('refuses a language that is not an ISO 639 code', () => {
    given([]).when({ ...register, languages: ['English'] }).thenThrows('INVALID_LANGUAGE');
  });
});
