import { isOrganisationType, isRole, principalFromClaims } from '@stepwell/access';
import type { OidcSettings } from '../config';
import type { SessionUser } from '../session-store';
import { SignInRefused } from './oidc-client';

/** One entry of CIS2's `nhsid_nrbac_roles` claim (NHS CIS2 Authentication, UserInfo claims). */
interface Cis2Role {
  person_roleid?: unknown;
  org_code?: unknown;
  role_code?: unknown;
  activity_codes?: unknown;
}

/**
 * The ID token's (and, for CIS2, UserInfo's) claims as the platform's principal. A person with no organisation, an
 * organisation type the platform does not know, or no platform role is refused: guessing would show too much.
 *
 * - `platform`: the provider (or a broker in front of it) issues the platform's own claims — `sub`, `name`,
 *   `org_ods_code`, `org_type`, `roles` — exactly what the services read from the access token.
 * - `cis2`: NHS CIS2's national RBAC. The person acts in ONE role per session: the `selected_roleid` entry of
 *   `nhsid_nrbac_roles` (or the only entry). Its `org_code` (ODS) is the organisation; the organisation type comes
 *   from OIDC_CIS2_ORG_TYPES (CIS2 does not say whether an ODS code is a GP practice or a Talking Therapies
 *   service); the platform roles are the union of OIDC_CIS2_ROLE_MAP's entries for each part of the role code
 *   (`S8000:G8000:R8000` → `R8000` …) and each activity code (e.g. `B0570`). The user id is `nhsid_useruid`.
 */
export function sessionUserFromClaims(claims: Record<string, unknown>, settings: OidcSettings): SessionUser {
  return settings.claims === 'cis2' ? fromCis2(claims, settings) : fromPlatformClaims(claims);
}

function fromPlatformClaims(claims: Record<string, unknown>): SessionUser {
  let principal;
  try {
    principal = principalFromClaims(claims);
  } catch {
    throw new SignInRefused('the provider did not state an organisation and organisation type this platform knows', true);
  }
  if (principal.roles.length === 0) throw new SignInRefused('no Stepwell role', true);
  return { key: principal.userId, user: principal.userId, name: principal.displayName, org: principal.organisationId, orgType: principal.organisationType, roles: [...principal.roles] };
}

function fromCis2(claims: Record<string, unknown>, settings: OidcSettings): SessionUser {
  const all = Array.isArray(claims['nhsid_nrbac_roles']) ? (claims['nhsid_nrbac_roles'] as Cis2Role[]) : [];
  const selected = claims['selected_roleid'] !== undefined ? all.find((role) => role.person_roleid === claims['selected_roleid']) : all.length === 1 ? all[0] : undefined;
  if (!selected || typeof selected.org_code !== 'string' || selected.org_code === '') throw new SignInRefused('no selected CIS2 role with an organisation', true);
  const org = selected.org_code;
  const orgType = settings.cis2OrgTypes[org];
  if (!isOrganisationType(orgType)) throw new SignInRefused('the organisation is not one this deployment serves', true);
  const codes = [...(typeof selected.role_code === 'string' ? selected.role_code.split(':') : []), ...(Array.isArray(selected.activity_codes) ? selected.activity_codes : [])];
  const roles = new Set<string>();
  for (const code of codes) {
    const mapped = typeof code === 'string' ? settings.cis2RoleMap[code] : undefined;
    for (const role of Array.isArray(mapped) ? mapped : []) if (isRole(role)) roles.add(role);
  }
  if (roles.size === 0) throw new SignInRefused('no Stepwell role for the selected CIS2 role', true);
  const user = typeof claims['nhsid_useruid'] === 'string' ? claims['nhsid_useruid'] : String(claims['sub']);
  const name = typeof claims['name'] === 'string' ? claims['name'] : user;
  return { key: user, user, name, org, orgType, roles: [...roles] };
}
