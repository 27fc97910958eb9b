import type { ConfigOf, Env, ParseResult, Variable } from '@stepwell/config';
import { int, loadConfig } from '@stepwell/config';
import { serviceVariables, type ServiceConfig } from '@stepwell/service-host';

export const REFERRALS_DEFAULT_PORT = 3001;

const ODS_CODE = /^[A-Z0-9]{3,10}$/;

/**
 * `REFERRALS_TEST_ORGANISATIONS`: comma-separated ODS codes of the organisations that may use NHS numbers of the
 * 999 test range (999 000 0000 – 999 999 9999, never issued to a person). Empty by default: a production service
 * refuses every 999 number. `npm start` and the end-to-end tests name their test organisations here.
 */
const testOrganisations: Variable<readonly string[]> = {
  parse(raw: string | undefined): ParseResult<readonly string[]> {
    if (raw === undefined || raw.trim() === '') return { ok: true, value: [] };
    const codes = raw.split(',').map((code) => code.trim()).filter((code) => code !== '');
    const bad = codes.find((code) => !ODS_CODE.test(code));
    if (bad !== undefined) return { ok: false, problem: 'must be a comma-separated list of ODS codes (upper-case letters and digits)' };
    return { ok: true, value: [...new Set(codes)] };
  },
};

/**
 * `CRISIS_TIMER_CHECK_EVERY_SECONDS`: how often the crisis timer breach check runs (issue 12 item 15; 0: never, for
 * tests that run it themselves with instants from the test clock).
 */
const crisisTimerCheckEverySeconds = int({ default: 60, min: 0, max: 3600 });

export function referralsVariables(defaultPort: number) {
  return {
    ...serviceVariables(defaultPort),
    REFERRALS_TEST_ORGANISATIONS: testOrganisations,
    CRISIS_TIMER_CHECK_EVERY_SECONDS: crisisTimerCheckEverySeconds,
  };
}

/** The variables every service reads (see serviceVariables in @stepwell/service-host), the test organisations and the timers. */
export type ReferralsConfig = ServiceConfig &
  ConfigOf<{ REFERRALS_TEST_ORGANISATIONS: typeof testOrganisations; CRISIS_TIMER_CHECK_EVERY_SECONDS: typeof crisisTimerCheckEverySeconds }>;

/** Nest token of the crisis timer check's schedule. */
export const CRISIS_TIMER_POLICY = Symbol('CRISIS_TIMER_POLICY');
export interface CrisisTimerPolicy {
  checkEverySeconds: number;
}

/** Throws ConfigError naming every missing or malformed variable. */
export function loadReferralsConfig(defaultPort: number = REFERRALS_DEFAULT_PORT, env: Env = process.env): ReferralsConfig {
  return loadConfig(referralsVariables(defaultPort), env);
}

/** Nest token: the ODS codes allowed to use the 999 test range of NHS numbers. */
export const TEST_ORGANISATIONS = Symbol('TEST_ORGANISATIONS');
