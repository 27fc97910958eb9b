/** The caller may only act for, or list, their own organisation. */
export class OtherOrganisationError extends Error {
  readonly code = 'OTHER_ORGANISATION' as const;

  constructor() {
    super('You may only act for your own organisation');
    this.name = 'OtherOrganisationError';
  }
}
