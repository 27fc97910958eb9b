import { DomainError, type Decider } from '@stepwell/decider';
import type { Instant } from '../time/europe-london';
import { CLINICIAN_ROLES, includes, type ClinicianRole } from '../vocabulary';

/** What the service knows about a clinician: no personal data beyond the working name shown to colleagues. */
export interface ClinicianFacts {
  clinicianId: string;
  name: string;
  organisationId: string;
  role: ClinicianRole;
  /** ISO 639-1 codes (`en`, `pl`, `ur`). */
  languages: string[];
  /** Site ids where the clinician works. */
  sites: string[];
}

export type RegisterClinician = { type: 'RegisterClinician'; registeredAt: Instant } & ClinicianFacts;
export type ClinicianRegistered = { type: 'ClinicianRegistered'; data: ClinicianFacts & { registeredAt: Instant } };
export type ClinicianState = { status: 'Unknown' } | { status: 'Registered'; clinician: ClinicianFacts };

const LANGUAGE = /^[a-z]{2,3}$/;

const sameClinician = (a: ClinicianFacts, b: ClinicianFacts): boolean =>
  a.name === b.name &&
  a.organisationId === b.organisationId &&
  a.role === b.role &&
  a.languages.join() === b.languages.join() &&
  a.sites.join() === b.sites.join();

/**
 * A clinician (one stream per clinician). Registering the same facts again is a no-op (a retried request);
 * other facts under the same id are refused: CLINICIAN_ALREADY_EXISTS, INVALID_ROLE, INVALID_LANGUAGE.
 */
export const clinicianDecider: Decider<RegisterClinician, ClinicianRegistered, ClinicianState> = {
  initialState: { status: 'Unknown' },
  decide(command, state) {
    if (!includes(CLINICIAN_ROLES, command.role)) throw new DomainError('INVALID_ROLE', `Unknown clinician role`);
    if (!command.languages.every((l) => LANGUAGE.test(l))) {
      throw new DomainError('INVALID_LANGUAGE', 'Languages are ISO 639 codes such as en, pl, ur');
    }
    const { type: _type, registeredAt, ...facts } = command;
    const clinician: ClinicianFacts = { ...facts, languages: [...new Set(facts.languages)], sites: [...new Set(facts.sites)] };
    if (state.status === 'Registered') {
      if (sameClinician(state.clinician, clinician)) return [];
      throw new DomainError('CLINICIAN_ALREADY_EXISTS', 'A different clinician has this id', { clinicianId: command.clinicianId });
    }
    return [{ type: 'ClinicianRegistered', data: { ...clinician, registeredAt } }];
  },
  evolve(_state, event) {
    const { registeredAt: _at, ...clinician } = event.data;
    return { status: 'Registered', clinician };
  },
};
