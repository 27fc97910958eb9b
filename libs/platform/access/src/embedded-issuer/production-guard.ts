/** The embedded issuer mints tokens for anyone who can run a command: it must never run in production. */
export class EmbeddedIssuerInProductionError extends Error {
  readonly code = 'EMBEDDED_ISSUER_IN_PRODUCTION' as const;
  constructor() {
    super('The embedded identity provider refuses to start with NODE_ENV=production; configure AUTH_JWKS_URL');
    this.name = 'EmbeddedIssuerInProductionError';
  }
}

export function assertNotProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env['NODE_ENV'] === 'production') throw new EmbeddedIssuerInProductionError();
}
