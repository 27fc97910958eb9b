import type { OrganisationType, Role } from '../principal/vocabulary';

/** Access events live in one stream per patient, so an auditor replays who saw a patient's record in order. */
export const ACCESS_STREAM_CATEGORY = 'access';

export function accessStreamId(patientSubjectId: string): string {
  return `${ACCESS_STREAM_CATEGORY}-${patientSubjectId}`;
}

/** On what grounds the access was allowed. */
export type AccessBasis = 'relationship' | 'break-glass';

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
}

/** A clinician without a care relationship opened the record in an emergency, giving this reason. */
export interface BreakGlassAccessGranted extends AccessFacts {
  reason: string;
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
export const ACCESS_EVENT_SCHEMA_VERSION = 1;
