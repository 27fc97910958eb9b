import type { ConfigOf, Env, ParseResult, Variable } from '@stepwell/config';
import { loadConfig } from '@stepwell/config';
import { serviceVariables, type ServiceConfig } from '@stepwell/service-host';
import { ODS_CODE } from '@stepwell/contracts';

export const REFERRALS_DEFAULT_PORT = 3001;

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

export function referralsVariables(defaultPort: number) {
  return { ...serviceVariables(defaultPort), REFERRALS_TEST_ORGANISATIONS: testOrganisations };
}

/** The variables every service reads (see serviceVariables in @stepwell/service-host) and the test organisations. */
export type ReferralsConfig = ServiceConfig & ConfigOf<{ REFERRALS_TEST_ORGANISATIONS: typeof testOrganisations }>;

/** Throws ConfigError naming every missing or malformed variable. */
export function loadReferralsConfig(defaultPort: number = REFERRALS_DEFAULT_PORT, env: Env = process.env): ReferralsConfig {
  return loadConfig(referralsVariables(defaultPort), env);
}

/** Nest token: the ODS codes allowed to use the 999 test range of NHS numbers. */
export const TEST_ORGANISATIONS = Symbol('TEST_ORGANISATIONS');
