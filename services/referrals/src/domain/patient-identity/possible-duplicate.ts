/**
 * A new referral is a *possible duplicate* when the same patient already has an open referral or an open care
 * episode at the same organisation (issue 5). It is only a mark for triage, which may merge it: a second referral
 * can be legitimate (a different problem), so nothing is merged automatically.
 */

/** Something open for a patient at an organisation. */
export interface OpenCareItem {
  kind: 'referral' | 'episode';
  id: string;
  patientSubjectId: string;
  /** For a referral: the receiving organisation; for an episode: the providing organisation (ODS code). */
  organisationId: string;
  /** ISO 8601 instant it was received or opened. */
  openedAt: string;
}

export interface NewReferralForDuplicateCheck {
  referralId: string;
  patientSubjectId: string;
  /** ODS code of the receiving organisation. */
  organisationId: string;
}

/**
 * The open items the new referral possibly duplicates, oldest first (the oldest is the one to merge into).
 * The caller passes only items that are open (a referral not yet decided, an episode not discharged).
 */
export function findPossibleDuplicates(
  referral: NewReferralForDuplicateCheck,
  open: readonly OpenCareItem[],
): OpenCareItem[] {
  return open
    .filter(
      (item) =>
        item.patientSubjectId === referral.patientSubjectId &&
        item.organisationId === referral.organisationId &&
        !(item.kind === 'referral' && item.id === referral.referralId),
    )
    .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt) || a.id.localeCompare(b.id));
}
