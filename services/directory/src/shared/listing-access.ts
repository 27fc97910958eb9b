import { decideAccess, type Principal, type RelationshipKind } from '@stepwell/access';

/** The caller's organisation does not own the listing and the caller is no directory administrator. */
export class NotListingOwnerError extends Error {
  readonly code = 'NOT_LISTING_OWNER' as const;

  constructor() {
    super('Another organisation owns this listing: its directory editors or a directory administrator may change it');
    this.name = 'NotListingOwnerError';
  }
}

/**
 * `directory.edit` decided by the one access policy table: the listing's owning organisation is its `record-holder`
 * (a new listing is owned by the caller's organisation), and every listing is under `directory-administration`.
 * The directory holds no patient data, so there is no access trail to append: a refusal is just the 403.
 */
export function assertMayEditListing(principal: Principal, owner: string | null): void {
  const kinds = new Set<RelationshipKind>(['directory-administration']);
  if (owner === null || owner === principal.organisationId) kinds.add('record-holder');
  const decision = decideAccess({
    organisationType: principal.organisationType,
    roles: principal.roles,
    action: 'directory.edit',
    kinds,
    consentToShare: false,
    awaitingTriage: false,
    breakGlass: false,
  });
  if (!decision.allowed) throw new NotListingOwnerError();
}
