/** Header a clinician sends to open a record without a care relationship. */
export const BREAK_GLASS_HEADER = 'x-break-glass-reason';
/** Short enough not to obstruct an emergency, long enough that "x" is not a reason. */
export const BREAK_GLASS_MINIMUM_REASON_LENGTH = 10;
