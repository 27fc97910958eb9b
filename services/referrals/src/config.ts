import type { ConfigOf, Env, ParseResult, Variable } from '@stepwell/config';
import { int, list, loadConfig, oneOf, str } from '@stepwell/config';
import { serviceVariables, testClockVariables, type ServiceConfig, type TestClockConfig } from '@stepwell/service-host';
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

/**
 * `CRISIS_TIMER_CHECK_EVERY_SECONDS`: how often the crisis timer breach check runs (issue 12 item 15; 0: never, for
 * tests that run it themselves with instants from the test clock).
 */
const crisisTimerCheckEverySeconds = int({ default: 60, min: 0, max: 3600 });

/**
 * Gap watch (issue 18): how often the care-thread overdue check runs (`CARE_THREAD_CHECK_EVERY_SECONDS`, 0: never,
 * for tests that run it with instants from the test clock), and after how many days with no organisation accepting
 * care an open thread is overdue: `CARE_THREAD_OVERDUE_DAYS` (14), `CARE_THREAD_OVERDUE_DAYS_WITH_RISK` (2, when a
 * referral of the thread carried risk indicators). Local safety choices, hazard log H-GW2.
 */
const careThreadVariables = {
  CARE_THREAD_CHECK_EVERY_SECONDS: int({ default: 300, min: 0, max: 86_400 }),
  CARE_THREAD_OVERDUE_DAYS: int({ default: 14, min: 1, max: 365 }),
  CARE_THREAD_OVERDUE_DAYS_WITH_RISK: int({ default: 2, min: 1, max: 365 }),
};

/**
 * Sending the requested letters and messages (issue 12 item 18). `NOTIFICATIONS_DELIVERY`: `none` (requests are kept,
 * nothing sends them), `outbox-files` (one JSON file per request in `NOTIFICATIONS_OUTBOX_DIR`, for a print room or
 * mail gateway) or `gov-uk-notify` (GOV.UK Notify's HTTP API with `NOTIFY_API_KEY` and the template ids; unproven
 * here). The sender runs every `NOTIFICATIONS_SEND_EVERY_SECONDS` (0: never, for tests), retries a failed delivery
 * after `NOTIFICATIONS_BACKOFF_BASE_SECONDS` doubling up to `NOTIFICATIONS_BACKOFF_MAX_SECONDS`, at most
 * `NOTIFICATIONS_MAX_ATTEMPTS` times.
 */
const DELIVERY_ADAPTERS = ['none', 'outbox-files', 'gov-uk-notify'] as const;
const notificationVariables = {
  NOTIFICATIONS_DELIVERY: oneOf(DELIVERY_ADAPTERS, { default: 'none' }),
  NOTIFICATIONS_OUTBOX_DIR: str({
    requiredWhen: { test: (env) => env['NOTIFICATIONS_DELIVERY']?.trim() === 'outbox-files', because: 'NOTIFICATIONS_DELIVERY is outbox-files' },
  }),
  NOTIFY_API_KEY: str({
    requiredWhen: { test: (env) => env['NOTIFICATIONS_DELIVERY']?.trim() === 'gov-uk-notify', because: 'NOTIFICATIONS_DELIVERY is gov-uk-notify' },
  }),
  NOTIFY_BASE_URL: str({ default: 'https://api.notifications.service.gov.uk' }),
  NOTIFY_TEMPLATE_EMAIL: str({ optional: true }),
  NOTIFY_TEMPLATE_SMS: str({ optional: true }),
  NOTIFY_TEMPLATE_LETTER: str({ optional: true }),
  NOTIFICATIONS_SEND_EVERY_SECONDS: int({ default: 30, min: 0, max: 3600 }),
  NOTIFICATIONS_MAX_ATTEMPTS: int({ default: 8, min: 1, max: 50 }),
  NOTIFICATIONS_BACKOFF_BASE_SECONDS: int({ default: 60, min: 1, max: 3600 }),
  NOTIFICATIONS_BACKOFF_MAX_SECONDS: int({ default: 6 * 3600, min: 1, max: 7 * 24 * 3600 }),
};

/**
 * The subject access export (issue 15 item 4) gathers from every service: `SUBJECT_ACCESS_SOURCES` names the other
 * services and their base URLs, `scheduling=http://…,outcomes=http://…` (referrals answers for itself). Unset: the
 * export holds referrals' part only, and says which services it did not ask.
 */
const subjectAccessVariables = {
  SUBJECT_ACCESS_SOURCES: list({
    optional: true,
    itemPattern: /^(scheduling|consultations|outcomes|directory)=https?:\/\/[^\s,]+$/,
    itemDescription: 'name=http(s)://base-url, name one of scheduling, consultations, outcomes, directory',
  }),
};

/**
 * Erasure (issue 15 item 2): the services, besides referrals, expected to confirm that they shredded a person's keys
 * (`ERASURE_CONFIRMING_SERVICES=consultations,directory,outcomes`, the default). An erasure's status lists the ones that have
 * not confirmed yet as awaited.
 */
const erasureVariables = {
  ERASURE_CONFIRMING_SERVICES: list({
    optional: true,
    itemPattern: /^(consultations|directory|outcomes)$/,
    itemDescription: 'one of consultations, directory, outcomes',
  }),
  /**
   * An erasure whose confirmations stay awaited is noticed (H-PD5): after `ERASURE_OVERDUE_DAYS` (7) from the decision
   * the check (every `ERASURE_OVERDUE_CHECK_EVERY_SECONDS`, 3600; 0: never, for tests that run it with the test clock)
   * records `ErasureConfirmationsOverdue` and the erasure is listed by `GET /patients/erasures/overdue`.
   */
  ERASURE_OVERDUE_DAYS: int({ default: 7, min: 1, max: 365 }),
  ERASURE_OVERDUE_CHECK_EVERY_SECONDS: int({ default: 3600, min: 0, max: 86_400 }),
};

export function referralsVariables(defaultPort: number) {
  return {
    ...serviceVariables(defaultPort),
    // TEST_CLOCK_FILE (refused in production): end-to-end tests move the service's time with the other services'.
    ...testClockVariables(),
    REFERRALS_TEST_ORGANISATIONS: testOrganisations,
    CRISIS_TIMER_CHECK_EVERY_SECONDS: crisisTimerCheckEverySeconds,
    ...notificationVariables,
    ...careThreadVariables,
    ...subjectAccessVariables,
    ...erasureVariables,
  };
}

/** The variables every service reads (see serviceVariables in @stepwell/service-host), the test organisations and the timers. */
export type ReferralsConfig = ServiceConfig &
  TestClockConfig &
  ConfigOf<{ REFERRALS_TEST_ORGANISATIONS: typeof testOrganisations; CRISIS_TIMER_CHECK_EVERY_SECONDS: typeof crisisTimerCheckEverySeconds }> &
  ConfigOf<typeof notificationVariables> &
  ConfigOf<typeof careThreadVariables> &
  ConfigOf<typeof subjectAccessVariables> &
  ConfigOf<typeof erasureVariables>;

/** Nest token of the notification sender's schedule and retry policy. */
export const NOTIFICATION_SENDING = Symbol('NOTIFICATION_SENDING');
export interface NotificationSending {
  sendEverySeconds: number;
  maxAttempts: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
  /** How long a claimed request stays hidden from other senders (a crashed sender's claim then lapses). */
  claimLeaseSeconds: number;
  batchSize: number;
}

export function notificationSendingOf(config: ReferralsConfig): NotificationSending {
  return {
    sendEverySeconds: config.NOTIFICATIONS_SEND_EVERY_SECONDS,
    maxAttempts: config.NOTIFICATIONS_MAX_ATTEMPTS,
    backoffBaseSeconds: config.NOTIFICATIONS_BACKOFF_BASE_SECONDS,
    backoffMaxSeconds: config.NOTIFICATIONS_BACKOFF_MAX_SECONDS,
    claimLeaseSeconds: 300,
    batchSize: 50,
  };
}

/** Nest token of the crisis timer check's schedule. */
export const CRISIS_TIMER_POLICY = Symbol('CRISIS_TIMER_POLICY');
export interface CrisisTimerPolicy {
  checkEverySeconds: number;
}

/** Nest token of the care-thread overdue check's schedule and waits (issue 18). */
export const CARE_THREAD_POLICY = Symbol('CARE_THREAD_POLICY');
export interface CareThreadPolicy {
  checkEverySeconds: number;
  overdueDays: number;
  overdueDaysWithRisk: number;
}

export function careThreadPolicyOf(config: ReferralsConfig): CareThreadPolicy {
  return {
    checkEverySeconds: config.CARE_THREAD_CHECK_EVERY_SECONDS,
    overdueDays: config.CARE_THREAD_OVERDUE_DAYS,
    overdueDaysWithRisk: config.CARE_THREAD_OVERDUE_DAYS_WITH_RISK,
  };
}

/** Nest token of the erasure overdue check's schedule and wait (issue 15 item 2, H-PD5). */
export const ERASURE_OVERDUE_POLICY = Symbol('ERASURE_OVERDUE_POLICY');
export interface ErasureOverduePolicy {
  checkEverySeconds: number;
  overdueDays: number;
}

export function erasureOverduePolicyOf(config: Pick<ReferralsConfig, 'ERASURE_OVERDUE_DAYS' | 'ERASURE_OVERDUE_CHECK_EVERY_SECONDS'>): ErasureOverduePolicy {
  return { checkEverySeconds: config.ERASURE_OVERDUE_CHECK_EVERY_SECONDS, overdueDays: config.ERASURE_OVERDUE_DAYS };
}

/** Throws ConfigError naming every missing or malformed variable. */
export function loadReferralsConfig(defaultPort: number = REFERRALS_DEFAULT_PORT, env: Env = process.env): ReferralsConfig {
  return loadConfig(referralsVariables(defaultPort), env);
}

/** Nest token: the ODS codes allowed to use the 999 test range of NHS numbers. */
export const TEST_ORGANISATIONS = Symbol('TEST_ORGANISATIONS');
