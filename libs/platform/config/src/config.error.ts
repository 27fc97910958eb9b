/** One environment variable that is missing or malformed. */
export interface ConfigIssue {
  variable: string;
  problem: string;
}

/**
 * Start-up stops with this: it names every wrong variable at once, so that an operator fixes them in one go
 * instead of one restart per mistake. Values are never echoed: a variable may hold a password.
 */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIGURATION' as const;

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `  - ${issue.variable}: ${issue.problem}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}
