import type { OrganisationType, Role } from '../principal/vocabulary';

/** Access events live in one stream per patient, so an auditor replays who saw a patient's record in order. */
export const ACCESS_STREAM_CATEGORY = 'access';

export function accessStreamId(patientSubjectId: string): string {
  return `${ACCESS_STREAM_CATEGORY}-${patientSubjectId}`;
}

/**
 * On what grounds the access was allowed. `privacy-oversight`: a privacy officer (the `auditor` of an organisation
 * in the patient's care or of the organisation whose staff acted, or a `national-auditor`) reviewing the access
 * trail itself — the break-glass queue or a patient's access log.
 */
export type AccessBasis = 'relationship' | 'break-glass' | 'privacy-oversight';

interface AccessFacts {
  userId: string;
  /** ODS code. */
  organisationId: string;
  organisationType: OrganisationType;
  /** The role the user acted in. */
  role: Role | 'none';
  patientSubjectId: string;
  /** Kind of record, e.g. `referral`, `appointment`. */
  resource: string;
  correlationId: string;
  /** ISO 8601. */
  at: string;
}

/** A read or search returned this patient's data to this user. */
export interface PatientRecordAccessed extends AccessFacts {
  /** Ids of the records returned (empty when the resource has none). */
  resourceIds: string[];
  /** Why the data was needed: `direct-care`, `emergency`, `administration`, ... */
  purpose: string;
  basis: AccessBasis;
  /** `change` for a command's response (the caller changed the record), else `read`. Absent on older events. */
  operation?: 'read' | 'change';
  /** Under break-glass: the grant (its event id) the read was made under. */
  breakGlassGrantId?: string;
}

/** A clinician without a care relationship opened the record in an emergency, giving this reason. */
export interface BreakGlassAccessGranted extends AccessFacts {
  reason: string;
  /** End of the window (ISO 8601) in which this user's further break-glass reads of this patient use this grant. */
  expiresAt?: string;
}

/**
 * The privacy officer's decision. `needs-follow-up`: not yet judged either way (e.g. the clinician must be asked);
 * it still closes the grant in the queue, the note says what follows.
 */
export type BreakGlassDecision = 'appropriate' | 'inappropriate' | 'needs-follow-up';
export const BREAK_GLASS_DECISIONS: readonly BreakGlassDecision[] = ['appropriate', 'inappropriate', 'needs-follow-up'];

/** The privacy officer of the organisation whose clinician broke the glass decided whether the use was appropriate. */
export interface BreakGlassReviewed {
  /** Event id of the `BreakGlassAccessGranted` reviewed. */
  grantId: string;
  patientSubjectId: string;
  /** The grant's organisation (whose privacy officer reviews). */
  organisationId: string;
  decision: BreakGlassDecision;
  /** Why. Required unless the decision is `appropriate`; null then when none was given (older events: always a string). */
  note: string | null;
  reviewedBy: { userId: string; organisationId: string; role: Role };
  correlationId: string;
  /** ISO 8601. */
  at: string;
}

/** An attempt the access policy refused (403, or 404 to a caller with no relationship): who, what, why. */
export interface AccessRefused extends AccessFacts {
  /** The policy action refused, e.g. `episode.decide`. */
  action: string;
  /** The id the caller named. */
  resourceIds: string[];
  outcome: 'not-found' | 'forbidden';
  /** Policy reason code, e.g. `no-relationship`, `no-grant:episode.decide`. No patient data. */
  why: string;
  /** The caller sent a break-glass reason. */
  breakGlassAttempted: boolean;
}

export const ACCESS_REFUSED = 'AccessRefused' as const;
export const PATIENT_RECORD_ACCESSED = 'PatientRecordAccessed' as const;
export const BREAK_GLASS_ACCESS_GRANTED = 'BreakGlassAccessGranted' as const;
export const BREAK_GLASS_REVIEWED = 'BreakGlassReviewed' as const;
export const ACCESS_EVENT_SCHEMA_VERSION = 1;
