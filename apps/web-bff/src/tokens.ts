/** Nest token of the BFF's configuration. */
export const BFF_CONFIG = Symbol('BFF_CONFIG');
