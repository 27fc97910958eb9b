import type { ErrorMapping } from '@stepwell/http';

/**
 * Every error code the directory answers with beyond the shared table: a code thrown (e.g. through
 * `NotFoundError<DirectoryErrorCode>`) must be in this union, and the union must be mapped below, or the build fails.
 */
export type DirectoryErrorCode =
  | 'ORGANIZATION_NOT_FOUND'
  | 'LOCATION_NOT_FOUND'
  | 'SERVICE_NOT_FOUND'
  | 'TAXONOMY_NOT_FOUND'
  | 'TAXONOMY_TERM_NOT_FOUND'
  | 'SERVICE_AT_LOCATION_NOT_FOUND'
  | 'UNKNOWN_REFERENCE'
  | 'INVALID_CAPACITY'
  | 'ID_MISMATCH'
  | 'NOT_LISTING_OWNER'
  // Social prescriptions (issue 17 item 2).
  | 'SOCIAL_PRESCRIPTION_NOT_FOUND'
  | 'UNKNOWN_SERVICE'
  | 'SERVICE_NOT_ACCEPTING'
  | 'SERVICE_AT_CAPACITY'
  | 'NO_CONSENT_TO_SHARE'
  | 'GOAL_NOT_SHARED'
  | 'UNKNOWN_GOAL'
  | 'REPLY_WINDOW_CLOSED'
  | 'OTHER_ORGANISATION'
  // The person's journey (issue 19 item 5): a stranger's answer, as for an unknown person.
  | 'PATIENT_NOT_FOUND';

export const DIRECTORY_ERROR_MAPPINGS = {
  ORGANIZATION_NOT_FOUND: { status: 404, slug: 'organization-not-found', title: 'No such organization in the directory' },
  LOCATION_NOT_FOUND: { status: 404, slug: 'location-not-found', title: 'No such location in the directory' },
  SERVICE_NOT_FOUND: { status: 404, slug: 'service-not-found', title: 'No such service in the directory' },
  TAXONOMY_NOT_FOUND: { status: 404, slug: 'taxonomy-not-found', title: 'No such taxonomy in the directory' },
  TAXONOMY_TERM_NOT_FOUND: { status: 404, slug: 'taxonomy-term-not-found', title: 'No such taxonomy term in the directory' },
  SERVICE_AT_LOCATION_NOT_FOUND: { status: 404, slug: 'service-at-location-not-found', title: 'No such service at location in the directory' },
  UNKNOWN_REFERENCE: { status: 422, slug: 'unknown-reference', title: 'The record names records that are not in the directory' },
  INVALID_CAPACITY: { status: 400, slug: 'invalid-capacity', title: 'Places free and the wait are whole numbers within bounds' },
  ID_MISMATCH: { status: 400, slug: 'id-mismatch', title: 'The id in the body differs from the id in the path' },
  NOT_LISTING_OWNER: { status: 403, slug: 'not-listing-owner', title: 'Another organisation owns this listing' },
  SOCIAL_PRESCRIPTION_NOT_FOUND: { status: 404, slug: 'social-prescription-not-found', title: 'No such social prescription' },
  PATIENT_NOT_FOUND: { status: 404, slug: 'patient-not-found', title: 'No such patient' },
  UNKNOWN_SERVICE: { status: 422, slug: 'unknown-service', title: 'The service named is not in the directory' },
  SERVICE_NOT_ACCEPTING: { status: 422, slug: 'service-not-accepting', title: 'The service named is not active in the directory' },
  SERVICE_AT_CAPACITY: { status: 422, slug: 'service-at-capacity', title: 'The service named reports no places free' },
  NO_CONSENT_TO_SHARE: { status: 422, slug: 'no-consent-to-share', title: 'The person did not agree to share with that organisation' },
  GOAL_NOT_SHARED: { status: 422, slug: 'goal-not-shared', title: 'The goal is not one the person chose to share' },
  UNKNOWN_GOAL: { status: 422, slug: 'unknown-goal', title: 'No such goal on this social prescription' },
  REPLY_WINDOW_CLOSED: { status: 409, slug: 'reply-window-closed', title: 'The 14 days to answer this referral have passed' },
  OTHER_ORGANISATION: { status: 403, slug: 'other-organisation', title: 'A list of another organisation' },
} as const satisfies Record<DirectoryErrorCode, ErrorMapping>;
