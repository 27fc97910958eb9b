import type { OrganisationType, Role } from '../principal/vocabulary';
import {
  ACCESS_POLICY,
  BREAK_GLASS_POLICY,
  type AccessAction,
  type AccessView,
  type Grant,
  type RelationshipKind,
} from './access-policy';

/** What the guard knows when it decides: who asks, what the target is, and the caller's relationships with it. */
export interface AccessQuestion {
  organisationType: OrganisationType;
  roles: readonly Role[];
  action: AccessAction;
  /** The caller organisation's relationships with the target (derived from the relationship projection). */
  kinds: ReadonlySet<RelationshipKind>;
  /** The patient consented to share the target with the services involved. */
  consentToShare: boolean;
  /** The target referral (or the episode's referral) still awaits triage. */
  awaitingTriage: boolean;
  /** A break-glass reason was sent (its length is checked by the caller). */
  breakGlass: boolean;
}

export type AccessDecision =
  | { allowed: true; basis: 'relationship'; kind: RelationshipKind; view: AccessView; role: Role }
  | { allowed: true; basis: 'break-glass'; kind: 'none'; view: AccessView; role: Role }
  /** `not-found`: the caller has no relationship at all, so it learns nothing, not even that the target exists. */
  | { allowed: false; outcome: 'not-found' | 'forbidden'; why: string };

const rank: Record<AccessView, number> = { summary: 1, 'minimum-necessary': 1, full: 2 };

function viewOf(grant: Grant, question: AccessQuestion): AccessView | null {
  if (grant.onlyBeforeTriage && !question.awaitingTriage) return null;
  if (grant.needsConsent && !question.consentToShare) return grant.needsConsent.withoutConsent;
  return grant.view;
}

/**
 * Applies `ACCESS_POLICY` to one question: the widest view any of the caller's relationships grants, else
 * break-glass for a read, else 404 for a caller with no relationship and 403 for one whose relationship does not
 * cover the action.
 */
export function decideAccess(question: AccessQuestion): AccessDecision {
  let best: Extract<AccessDecision, { basis: 'relationship' }> | null = null;
  for (const kind of question.kinds) {
    if (kind === 'none') continue;
    const policy = ACCESS_POLICY[kind];
    if (!policy.organisationTypes.includes(question.organisationType)) continue;
    const grant = policy.grants[question.action];
    if (!grant) continue;
    const role = grant.roles.find((r) => question.roles.includes(r));
    if (!role) continue;
    const view = viewOf(grant, question);
    if (view === null) continue;
    if (!best || rank[view] > rank[best.view]) best = { allowed: true, basis: 'relationship', kind, view, role };
  }
  if (best && best.view === 'full') return best;
  if (
    question.breakGlass &&
    BREAK_GLASS_POLICY.actions.includes(question.action) &&
    BREAK_GLASS_POLICY.organisationTypes.includes(question.organisationType) &&
    question.roles.some((r) => BREAK_GLASS_POLICY.roles.includes(r))
  ) {
    return { allowed: true, basis: 'break-glass', kind: 'none', view: BREAK_GLASS_POLICY.view, role: 'clinician' };
  }
  if (best) return best;
  const related = [...question.kinds].some((kind) => kind !== 'none');
  return related
    ? { allowed: false, outcome: 'forbidden', why: `no-grant:${question.action}` }
    : { allowed: false, outcome: 'not-found', why: 'no-relationship' };
}
