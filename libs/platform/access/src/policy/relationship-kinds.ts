import { SHARING_CONSENT_KINDS, type RelationshipKind } from './access-policy';
import { episodeScope, referralScope, type AccessTarget } from './access-target';

/** One relationship row as the projection holds it. */
export interface RelationshipRow {
  reason: string;
  scope: string;
  endedAt: Date | null;
  /** False while the row rests on an unverified self-referral (hazard H-A1); absent = verified. */
  identityVerified?: boolean;
}

const DAY_MS = 86_400_000;

function providerKind(row: RelationshipRow, now: Date, retentionDays: number): RelationshipKind {
  if (row.endedAt === null) return 'provider-current';
  return now.getTime() < row.endedAt.getTime() + retentionDays * DAY_MS ? 'provider-past' : 'provider-expired';
}

/**
 * The caller organisation's relationship kinds with a target, from its relationship rows for the target's patient.
 * Scoped rows count only for their own referral or episode; a provider of another episode is
 * `provider-other-episode` (unless expired). Unscoped (patient-wide) rows are `patient-care`, which grants nothing.
 * A row resting on an unverified self-referral (hazard H-A1) counts in full for its own referral or episode only:
 * towards the person as a whole it is `unverified-self-referral`, which grants nothing (403); towards their other
 * referrals and episodes it is nothing at all (404, as for a stranger).
 */
export function relationshipKinds(
  target: Pick<AccessTarget, 'type' | 'referralId' | 'episodeId'>,
  rows: readonly RelationshipRow[],
  now: Date,
  retentionDays: number,
): Set<RelationshipKind> {
  const kinds = new Set<RelationshipKind>();
  const referral = target.referralId ? referralScope(target.referralId) : null;
  const episode = target.episodeId ? episodeScope(target.episodeId) : null;
  const wholePatient = target.type === 'patient';
  for (const row of rows) {
    if (row.scope === '') kinds.add('patient-care');
    const own = row.scope === referral || row.scope === episode;
    if (row.identityVerified === false && !own) {
      // Beyond its own referral or episode an unverified relationship reaches nothing: the person as a whole is a 403
      // (the organisation knows the person from its own referral), their other records look unknown (404).
      if (wholePatient) kinds.add('unverified-self-referral');
      continue;
    }
    const mine = wholePatient || own;
    switch (row.reason) {
      case 'referrer':
        if (mine && row.scope.startsWith('referral:')) kinds.add('referrer');
        break;
      case 'receiving-service':
        if (mine && row.scope.startsWith('referral:')) kinds.add('receiving');
        break;
      case 'step-provider': {
        if (!row.scope.startsWith('episode:')) break;
        const kind = providerKind(row, now, retentionDays);
        if (mine) kinds.add(kind);
        else if (kind !== 'provider-expired') kinds.add('provider-other-episode');
        break;
      }
      case 'social-prescription-organisation':
        if (mine && row.scope.startsWith('episode:')) kinds.add('voluntary-sector-prescription');
        break;
      default:
        break;
    }
  }
  return kinds;
}

/**
 * The kinds left once the person's withdrawal of consent to share with the caller's organisation is applied
 * (issue 15 item 5): every kind that rests on sharing (`SHARING_CONSENT_KINDS`) goes; the others stay as the policy
 * defines them.
 */
export function withoutWithdrawnSharing(kinds: ReadonlySet<RelationshipKind>, withdrawn: boolean): Set<RelationshipKind> {
  return new Set(withdrawn ? [...kinds].filter((kind) => !SHARING_CONSENT_KINDS.includes(kind)) : kinds);
}
