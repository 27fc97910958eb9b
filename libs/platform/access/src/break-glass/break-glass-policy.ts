import type { OrganisationType } from '../principal/vocabulary';

/** Header a clinician sends to open a record without a care relationship. */
export const BREAK_GLASS_HEADER = 'x-break-glass-reason';
/** The header's name as a caller writes it, for problem details. */
export const BREAK_GLASS_HEADER_NAME = 'X-Break-Glass-Reason';
/** Short enough not to obstruct an emergency, long enough that "x" is not a reason. */
export const BREAK_GLASS_MINIMUM_REASON_LENGTH = 10;
/** Long enough for a real clinical reason; a bound so that nobody can store a document in the review queue. */
export const BREAK_GLASS_MAXIMUM_REASON_LENGTH = 500;

/**
 * Organisation types whose clinicians give direct care and may therefore break the glass. Never the voluntary
 * sector (no clinical record access by design), commissioners (aggregate data only) or audit organisations.
 */
export const BREAK_GLASS_ORGANISATION_TYPES: readonly OrganisationType[] = [
  'gp-practice',
  'talking-therapies',
  'psychotherapy-consultation',
  'secondary-care',
  'crisis-team',
];

/** How long one grant covers one user's reads of one patient (NHS Care Identity Service practice: a session). */
export const DEFAULT_BREAK_GLASS_WINDOW_MINUTES = 240;

/**
 * A patient subject id as the platform mints and accepts them (`OPAQUE_ID` of `@stepwell/contracts`): opaque,
 * URL-safe, at most 64 characters. Break-glass is never recorded against anything else.
 */
export const PATIENT_SUBJECT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isPatientSubjectId(value: unknown): value is string {
  return typeof value === 'string' && PATIENT_SUBJECT_ID.test(value);
}

/** Methods that only read: the only ones break-glass may be used with. */
export function isReadOnlyMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}
