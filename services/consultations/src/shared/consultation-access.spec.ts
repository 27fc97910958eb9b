import { ACCESS_POLICY, ORGANISATION_TYPES, ROLES, decideAccess, type AccessAction, type OrganisationType, type Role } from '@stepwell/access';
import type { ConsultationRequestFacts } from '../domain';
import { consultationKinds, type OpenConsultation } from './consultation-access';

const request = { requestingOrganisationId: 'A81001', consultationServiceId: 'PCP01' } as ConsultationRequestFacts;
const state = { status: 'accepted', request } as OpenConsultation;
const ACTIONS: AccessAction[] = ['consultation.read', 'consultation.follow-up', 'consultation.work', 'consultation.answer'];
const DIRECT: OrganisationType[] = ['gp-practice', 'talking-therapies', 'psychotherapy-consultation', 'secondary-care', 'crisis-team'];

const decide = (organisationId: string, organisationType: OrganisationType, role: Role, action: AccessAction) =>
  decideAccess({ organisationType, roles: [role], action, kinds: consultationKinds(state, organisationId), consentToShare: true, awaitingTriage: false, breakGlass: false });

/** Every organisation type × role × side × consultation action, against what the README promises. */
describe('consultation access through the one policy table', () => {
  it('gives an unrelated organisation nothing at all, whatever its type or role: 404, never 403', () => {
    for (const type of ORGANISATION_TYPES) for (const role of ROLES) for (const action of ACTIONS) {
      expect(decide('RXT01', type, role, action)).toEqual({ allowed: false, outcome: 'not-found', why: 'no-relationship' });
    }
  });

  it('lets the requester read and follow up (clinician, admin, referrer), never work or answer', () => {
    for (const type of DIRECT) for (const role of ROLES) {
      const reader = (['clinician', 'admin', 'referrer'] as Role[]).includes(role);
      expect(decide('A81001', type, role, 'consultation.read').allowed).toBe(reader);
      expect(decide('A81001', type, role, 'consultation.follow-up').allowed).toBe(reader);
      expect(decide('A81001', type, role, 'consultation.work').allowed).toBe(false);
      expect(decide('A81001', type, role, 'consultation.answer').allowed).toBe(false);
    }
  });

  it('lets the consulting service read and work (clinician, admin) and only its clinicians answer; it never follows up as the requester', () => {
    for (const type of DIRECT) for (const role of ROLES) {
      const staff = (['clinician', 'admin'] as Role[]).includes(role);
      expect(decide('PCP01', type, role, 'consultation.read').allowed).toBe(staff);
      expect(decide('PCP01', type, role, 'consultation.work').allowed).toBe(staff);
      expect(decide('PCP01', type, role, 'consultation.answer').allowed).toBe(role === 'clinician');
      expect(decide('PCP01', type, role, 'consultation.follow-up').allowed).toBe(false);
    }
  });

  it('grants nothing to a party of a type outside direct care (voluntary sector, commissioner, audit)', () => {
    for (const type of ORGANISATION_TYPES.filter((t) => !DIRECT.includes(t))) for (const role of ROLES) for (const action of ACTIONS) {
      expect(decide('PCP01', type, role, action).allowed).toBe(false);
      expect(decide('A81001', type, role, action).allowed).toBe(false);
    }
  });

  it('scopes the consulting relationship to the consultation: it opens none of the person’s other records, in any service (only what the request shared)', () => {
    // Every action any relationship grants, except the consultation's own and the person's subject access request
    // (answered by each organisation's privacy officer about what it holds).
    const beyond = [...new Set(Object.values(ACCESS_POLICY).flatMap((policy) => Object.keys(policy.grants) as AccessAction[]))].filter(
      (action) => !ACTIONS.includes(action) && action !== 'patient.subject-access',
    );
    expect(beyond).toEqual(expect.arrayContaining(['referral.read', 'episode.read', 'patient.journey']));
    for (const kind of ['consulting', 'consultation-requester'] as const) {
      for (const type of DIRECT) for (const role of ROLES) for (const action of beyond) {
        const decision = decideAccess({ organisationType: type, roles: [role], action, kinds: new Set([kind]), consentToShare: true, awaitingTriage: false, breakGlass: false });
        expect({ kind, type, role, action, allowed: decision.allowed }).toEqual({ kind, type, role, action, allowed: false });
      }
    }
  });
});
