import { contractRegistry, validateIntegrationEvent } from '../../registry';
import { ERASURE_CONFIRMING_SERVICES, PATIENT_ERASURE_CONFIRMED_V1 } from './patient-erasure-confirmed.contract';

const data = {
  erasureId: '6f1c2a9e-0d3b-4c55-9a51-2b7f0e8c1d11',
  patientSubjectIds: ['p-erased-1', 'p-merged-2'],
  service: 'consultations',
  keysShredded: 2,
  shreddedAt: '2026-12-03T05:00:00.000Z',
};

describe('<service>.patient-erasure-confirmed v1 (one definition, every service with a key store)', () => {
  it('is registered once per confirming service, on that service’s own topic', () => {
    for (const service of ERASURE_CONFIRMING_SERVICES) {
      const contract = contractRegistry.find(`${service}.patient-erasure-confirmed`, 1);
      expect(contract?.producer).toBe(service);
      expect(contract).toBe(PATIENT_ERASURE_CONFIRMED_V1[service]);
    }
  });

  it('accepts a confirmation with ids, a count and a time', () => {
    expect(validateIntegrationEvent({ type: 'consultations.patient-erasure-confirmed', version: 1, data })).toEqual({ ok: true });
    expect(validateIntegrationEvent({ type: 'directory.patient-erasure-confirmed', version: 1, data: { ...data, service: 'directory', keysShredded: 0 } })).toEqual({ ok: true });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no subject ids', { patientSubjectIds: [] }],
    ['a subject id that is not an opaque id', { patientSubjectIds: ['Jane Doe, 1 High St'] }],
    ['an unknown service', { service: 'elsewhere' }],
    ['a negative count', { keysShredded: -1 }],
    ['a time that is not an instant', { shreddedAt: 'yesterday' }],
    ['a property outside the contract (personal data must not travel)', { nhsNumber: '9434765919' }],
  ])('refuses %s', (_case, change) => {
    expect(validateIntegrationEvent({ type: 'consultations.patient-erasure-confirmed', version: 1, data: { ...data, ...change } }).ok).toBe(false);
  });
});
