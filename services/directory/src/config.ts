import type { ConfigOf, Env } from '@stepwell/config';
import { int, loadConfig } from '@stepwell/config';
import { serviceVariables, testClockVariables, type ServiceConfig, type TestClockConfig } from '@stepwell/service-host';

export const DIRECTORY_DEFAULT_PORT = 3005;

/**
 * `SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS`: how often the reply-window check auto-declines direct referrals
 * left unanswered for 14 days (issue 17; 0: never, for tests that run it themselves with instants from the test clock).
 */
const replyCheckEverySeconds = int({ default: 300, min: 0, max: 86_400 });

export function directoryVariables(defaultPort: number) {
  return { ...serviceVariables(defaultPort), ...testClockVariables(), SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS: replyCheckEverySeconds };
}

/**
 * The variables every service reads (see serviceVariables in @stepwell/service-host), `TEST_CLOCK_FILE` (refused in
 * production: end-to-end tests and the demo's history move the service's time with the other services') and the
 * reply-window check's interval.
 */
export type DirectoryConfig = ServiceConfig & TestClockConfig & ConfigOf<{ SOCIAL_PRESCRIPTION_REPLY_CHECK_EVERY_SECONDS: typeof replyCheckEverySeconds }>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadDirectoryConfig(defaultPort: number = DIRECTORY_DEFAULT_PORT, env: Env = process.env): DirectoryConfig {
  return loadConfig(directoryVariables(defaultPort), env) as DirectoryConfig;
}

/** Nest token of the reply-window check's schedule. */
export const REPLY_WINDOW_POLICY = Symbol('REPLY_WINDOW_POLICY');
export interface ReplyWindowPolicy {
  checkEverySeconds: number;
}
