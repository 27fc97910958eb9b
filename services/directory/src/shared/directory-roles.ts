import type { Role } from '@stepwell/access';

/** Who edits listings: the owning organisation's directory editors first, then directory administrators. */
export const DIRECTORY_EDIT_ROLES = ['directory-editor', 'directory-admin'] as const satisfies readonly Role[];
