/** Strict ISO 8601 options shared by every instant in these contracts (not exported from the package). */
export const ISO_INSTANT = { strict: true, strictSeparator: true } as const;
