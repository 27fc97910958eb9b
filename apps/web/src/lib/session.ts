/** The signed-in person as the BFF tells it (from the token's claims; the token itself stays on the server). */
export interface SessionUser {
  key: string;
  user: string;
  name: string;
  org: string;
  orgType: string;
  roles: string[];
}

export const canRefer = (who: SessionUser): boolean => who.roles.includes('referrer');
export const canTriage = (who: SessionUser): boolean =>
  who.orgType !== 'gp-practice' && (who.roles.includes('clinician') || who.roles.includes('duty-clinician'));

/**
 * The referrals this person sent from this browser tab (ids only, no personal data): the referrals service has no
 * "referrals my organisation sent" list yet, so "My referrals" reads each one back by id (README, not built).
 */
const sentKey = (who: SessionUser) => `stepwell.sent-referrals.${who.org}.${who.user}`;
export function rememberSentReferral(who: SessionUser, id: string): void {
  const ids = sentReferrals(who).filter((known) => known !== id);
  window.sessionStorage.setItem(sentKey(who), JSON.stringify([id, ...ids].slice(0, 50)));
}
export function sentReferrals(who: SessionUser): string[] {
  try {
    const ids: unknown = JSON.parse(window.sessionStorage.getItem(sentKey(who)) ?? '[]');
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
