import { ACCESS_POLICY, BREAK_GLASS_POLICY, DIRECT_CARE_ORGANISATION_TYPES, type Grant, SHARING_CONSENT_KINDS, TRANSPARENCY_LOG_POLICY } from './access-policy';
import type { OrganisationType } from '../principal/vocabulary';

const typesOf = (types: readonly OrganisationType[]): string => {
  const direct = DIRECT_CARE_ORGANISATION_TYPES.every((t) => types.includes(t));
  const rest = types.filter((t) => !direct || !DIRECT_CARE_ORGANISATION_TYPES.includes(t));
  return [...(direct ? ['direct care'] : []), ...rest.map((t) => `\`${t}\``)].join(', ');
};

const viewOf = (grant: Grant): string =>
  [
    grant.view,
    ...(grant.onlyBeforeTriage ? ['before triage only'] : []),
    ...(grant.needsConsent ? [`with consent to share; without: ${grant.needsConsent.withoutConsent ?? 'nothing'}`] : []),
  ].join('; ');

/**
 * `ACCESS_POLICY` written out as the markdown table in this package's README (between the `access-policy-grants`
 * markers); a spec compares the two, so the README cannot drift from the code.
 */
export function accessPolicyMarkdown(): string {
  const lines = ['| relationship kind | organisation types | action | roles | view |', '|---|---|---|---|---|'];
  for (const [kind, policy] of Object.entries(ACCESS_POLICY)) {
    const grants = Object.entries(policy.grants) as [string, Grant][];
    if (grants.length === 0) lines.push(`| ${kind} | ${typesOf(policy.organisationTypes)} | — | — | nothing (a refusal is 403, not 404) |`);
    for (const [action, grant] of grants) {
      lines.push(`| ${kind} | ${typesOf(policy.organisationTypes)} | \`${action}\` | ${grant.roles.join(', ')} | ${viewOf(grant)} |`);
    }
  }
  for (const action of BREAK_GLASS_POLICY.actions) {
    lines.push(`| break-glass | ${typesOf(BREAK_GLASS_POLICY.organisationTypes)} | \`${action}\` | ${BREAK_GLASS_POLICY.roles.join(', ')} | ${BREAK_GLASS_POLICY.view}; reads only |`);
  }
  for (const action of TRANSPARENCY_LOG_POLICY.actions) {
    lines.push(`| transparency log (no patient) | any | \`${action}\` | ${TRANSPARENCY_LOG_POLICY.roles.join(', ')} | ${TRANSPARENCY_LOG_POLICY.view} |`);
  }
  const sharing = SHARING_CONSENT_KINDS.map((kind) => `\`${kind}\``).join(', ');
  lines.push(
    '',
    `Kinds resting on consent to share (${sharing}) are dropped for an organisation while the person has withdrawn consent to share with it (its ODS code, or its organisation type unless its own entry says otherwise): \`SHARING_CONSENT_KINDS\`.`,
  );
  return lines.join('\n');
}
