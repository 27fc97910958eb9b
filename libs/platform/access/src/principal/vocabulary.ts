/**
 * The vocabulary of access: organisation types, roles and the token claims they are read from.
 * Everything that names a claim lives here so that mapping another identity provider is a one-file change.
 */

export const ORGANISATION_TYPES = [
  'gp-practice',
  'talking-therapies',
  'psychotherapy-consultation',
  'secondary-care',
  'crisis-team',
  'voluntary-sector',
  'commissioner',
  'audit',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/**
 * `national-auditor`: reviews every organisation's break-glass use. `duty-clinician`: works the organisation's duty
 * queue, where an unacknowledged risk alert escalates; `clinical-lead`: sees the organisation's escalated risk
 * alerts (issue 12 item 8). Both are clinicians' extra roles. `registry-admin`: maintains the organisation registry.
 * `directory-editor`: keeps its own organisation's listings in the community services directory up to date;
 * `directory-admin`: a directory administrator (the team running the local directory), may edit every listing.
 * `privacy-officer`: decides a person's erasure for an organisation in their care (issue 15) — kept apart from
 * `auditor` (who reviews access), so that reviewing and destroying are separate duties.
 */
export const ROLES = [
  'referrer',
  'clinician',
  'admin',
  'link-worker',
  'auditor',
  'national-auditor',
  'ops',
  'duty-clinician',
  'clinical-lead',
  'registry-admin',
  'directory-editor',
  'directory-admin',
  'privacy-officer',
] as const;
export type Role = (typeof ROLES)[number];

/** Names of the JWT claims the principal is built from. Override per provider with `AuthConfig.claimNames`. */
export interface ClaimNames {
  userId: string;
  displayName: string;
  /** ODS code of the organisation the user is acting for in this session. */
  organisationId: string;
  organisationType: string;
  /** A string array (a single string is accepted too). */
  roles: string;
  /** Authentication context class reference: the assurance level of the login. */
  acr: string;
}

export const DEFAULT_CLAIM_NAMES: Readonly<ClaimNames> = Object.freeze({
  userId: 'sub',
  displayName: 'name',
  organisationId: 'org_ods_code',
  organisationType: 'org_type',
  roles: 'roles',
  acr: 'acr',
});

export function isOrganisationType(value: unknown): value is OrganisationType {
  return typeof value === 'string' && (ORGANISATION_TYPES as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
