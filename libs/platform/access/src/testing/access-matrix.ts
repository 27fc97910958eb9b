import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { EventStore } from '@stepwell/event-store';
import { ORGANISATION_TYPES, ROLES, type OrganisationType, type Role } from '../principal/vocabulary';
import { ACCESS_POLICY, BREAK_GLASS_POLICY, DIRECT_CARE_ORGANISATION_TYPES, isWriteAction, SUMMARY_FIELDS, type AccessAction, type AccessView, type RelationshipKind } from '../policy/access-policy';

/**
 * The generated access matrix: every organisation type × role × relationship kind × consent × route × target ×
 * break-glass, each decided by an ORACLE that reads the policy table directly (never the guard's `decideAccess`),
 * then sent to the real service over HTTP and compared: 0 false allows, 0 false denies, and each refusal wrote one
 * `AccessRefused` and no other event. Services supply fixtures (one person per relationship kind and organisation
 * type, built through their real routes and events) and their routes; see the README ("Access matrix").
 */

export type MatrixTarget = 'own' | 'other';

/** One person the service set up so that `organisationId` (of `organisationType`) has `kind` with the "own" records. */
export interface MatrixFixture {
  kind: RelationshipKind;
  organisationType: OrganisationType;
  organisationId: string;
  /** The patient's consent to share, for every target of the fixture (unless `consentOf` says per target). */
  consentToShare: boolean;
  /** The consent to share of one target (by id), where the fixture's targets differ. */
  consentOf?(targetId: string): boolean;
  /** The caller's relationship kinds with each concrete target (by id), as the fixture's construction made them. */
  kindsOf(targetId: string): readonly RelationshipKind[];
  /** The referral a target belongs to still awaits triage. */
  awaitingTriage(targetId: string): boolean;
  /** Ids the routes use: e.g. `{ referral: { own, other }, episode: { own, other }, patient: { own, other } }`. */
  ids: Record<string, Record<MatrixTarget, string>>;
}

export interface MatrixRoute {
  /** e.g. `POST /episodes/{id}/discharge`. */
  name: string;
  action: AccessAction;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Which fixture id the route targets (`referral`, `episode`, `patient`, …). */
  targetIdKind: string;
  /** Targets to try: patient-wide routes have one. */
  targets: readonly MatrixTarget[];
  path(id: string): string;
  body?: unknown;
  /** For writes: a stale If-Match, so an allowed write is decided, then refused 412 with nothing written. */
  headers?: Record<string, string>;
  /** Status an allowed request answers (reads 200; writes sent stale, 412). */
  allowedStatus: number;
  /**
   * For a read of a referral or an episode: the body is checked against the view the table grants — a `summary` may
   * carry only `SUMMARY_FIELDS` (existence, dates, provider: content without consent is a false allow), a `full` view
   * to a direct-care organisation carries more (a summary where the table grants content is a false deny).
   */
  view?: 'referral' | 'episode';
}

export interface MatrixCombination {
  fixture: MatrixFixture;
  role: Role;
  route: MatrixRoute;
  target: MatrixTarget;
  breakGlass: boolean;
}

/** `read-only`: a write carrying a break-glass reason, refused by `BreakGlassReadOnlyGuard` before any record is looked at. */
export type ExpectedOutcome = 'allowed' | 'break-glass' | 'not-found' | 'forbidden' | 'read-only';

/**
 * The oracle: what the policy TABLE says, evaluated here without the guard code. A grant is a table cell: the kind's
 * organisation types, the action's roles, and its conditions (before triage, consent). Reads by break-glass need a
 * role and organisation type of the break-glass row and no relationship granting a full view.
 */
export function expectedOutcome(input: {
  organisationType: OrganisationType;
  role: Role;
  action: AccessAction;
  kinds: readonly RelationshipKind[];
  consentToShare: boolean;
  awaitingTriage: boolean;
  breakGlass: boolean;
}): ExpectedOutcome {
  if (input.breakGlass && isWriteAction(input.action)) return 'read-only';
  const views: string[] = [];
  for (const kind of input.kinds) {
    if (kind === 'none') continue;
    const row = ACCESS_POLICY[kind];
    const cell = row.grants[input.action];
    if (!cell || !row.organisationTypes.includes(input.organisationType) || !cell.roles.includes(input.role)) continue;
    if (cell.onlyBeforeTriage === true && !input.awaitingTriage) continue;
    const view = cell.needsConsent && !input.consentToShare ? cell.needsConsent.withoutConsent : cell.view;
    if (view) views.push(view);
  }
  if (views.includes('full')) return 'allowed';
  const glass =
    input.breakGlass &&
    !isWriteAction(input.action) &&
    BREAK_GLASS_POLICY.actions.includes(input.action) &&
    BREAK_GLASS_POLICY.roles.includes(input.role) &&
    BREAK_GLASS_POLICY.organisationTypes.includes(input.organisationType);
  if (glass) return 'break-glass';
  if (views.length > 0) return 'allowed';
  return input.kinds.some((kind) => kind !== 'none') ? 'forbidden' : 'not-found';
}

/**
 * The view the table grants an allowed read (the oracle's, as `expectedOutcome`): `full` from a relationship cell or
 * break-glass, else `summary`; null when the request is refused.
 */
export function expectedView(combination: MatrixCombination): AccessView | null {
  const outcome = expectedFor(combination);
  if (outcome === 'break-glass') return 'full';
  if (outcome !== 'allowed') return null;
  const { fixture, route, target, role } = combination;
  const id = fixture.ids[route.targetIdKind]![target];
  const consentToShare = fixture.consentOf ? fixture.consentOf(id) : fixture.consentToShare;
  for (const kind of fixture.kindsOf(id)) {
    if (kind === 'none') continue;
    const row = ACCESS_POLICY[kind];
    const cell = row.grants[route.action];
    if (!cell || !row.organisationTypes.includes(fixture.organisationType) || !cell.roles.includes(role)) continue;
    if (cell.onlyBeforeTriage === true && !fixture.awaitingTriage(id)) continue;
    if ((cell.needsConsent && !consentToShare ? cell.needsConsent.withoutConsent : cell.view) === 'full') return 'full';
  }
  return 'summary';
}

/** Every combination of the service's fixtures and routes with every role and break-glass on and off. */
export function enumerateCombinations(fixtures: readonly MatrixFixture[], routes: readonly MatrixRoute[], roles: readonly Role[] = ROLES): MatrixCombination[] {
  const all: MatrixCombination[] = [];
  for (const fixture of fixtures)
    for (const role of roles)
      for (const route of routes)
        for (const target of route.targets)
          for (const breakGlass of [false, true]) all.push({ fixture, role, route, target, breakGlass });
  return all;
}

export function expectedFor(combination: MatrixCombination): ExpectedOutcome {
  const { fixture, route, target } = combination;
  const id = fixture.ids[route.targetIdKind]?.[target];
  if (!id) throw new Error(`fixture ${fixture.kind}/${fixture.organisationType} has no ${route.targetIdKind} id`);
  return expectedOutcome({
    organisationType: fixture.organisationType,
    role: combination.role,
    action: route.action,
    kinds: fixture.kindsOf(id),
    consentToShare: fixture.consentOf ? fixture.consentOf(id) : fixture.consentToShare,
    awaitingTriage: fixture.awaitingTriage(id),
    breakGlass: combination.breakGlass,
  });
}

/** What a service's HTTP call returned, and the event types the request wrote (by its correlation id). */
export interface MatrixObservation {
  status: number;
  events: string[];
}

/** What `call` reports: the status, and for routes with a `view` the top-level fields of the (2xx) body. */
export interface MatrixCallResult {
  status: number;
  fields?: readonly string[];
}

export interface MatrixReport {
  combinations: number;
  allowed: number;
  breakGlass: number;
  notFound: number;
  forbidden: number;
  readOnly: number;
  falseAllows: number;
  falseDenies: number;
  wrongStatus: number;
  wrongEvents: number;
  /** Allowed reads whose body is not the view the table grants (content in a summary, or a summary instead of content). */
  wrongView: number;
  /** Up to 8 mismatches of each kind, for the failure message. */
  mismatches: string[];
}

/** Acceptable event sequences: a break-glass read records a grant unless the same user's grant is still open. */
const EXPECTED_EVENTS: Record<ExpectedOutcome, (write: boolean) => string[][]> = {
  allowed: (write) => [write ? [] : ['PatientRecordAccessed']],
  'break-glass': () => [['BreakGlassAccessGranted', 'PatientRecordAccessed'], ['PatientRecordAccessed']],
  'not-found': () => [['AccessRefused']],
  forbidden: () => [['AccessRefused']],
  'read-only': () => [[]],
};
const EXPECTED_STATUS: Record<ExpectedOutcome, (route: MatrixRoute) => number> = {
  allowed: (route) => route.allowedStatus,
  'break-glass': (route) => route.allowedStatus,
  'not-found': () => 404,
  forbidden: () => 403,
  'read-only': () => 403,
};

/**
 * The correlation id of combination `index` in one run: a UUID (services replace any other correlation id), the run's
 * random prefix followed by the index, so that events are matched to combinations by their metadata.
 */
export function matrixCorrelationIds(): { prefix: string; of(index: number): string } {
  const prefix = `${randomUUID().slice(0, 24)}`;
  return { prefix, of: (index) => `${prefix}${index.toString(16).padStart(12, '0')}` };
}

/**
 * Runs every combination through `call` (a few at a time) and compares each with the oracle. `call` sends the
 * request with the given correlation id and break-glass header and reports the status and the event types written
 * under that correlation id. `eventsByCorrelation` is called once, after every request: the event types of each
 * correlation id starting with the run's prefix.
 */
export async function runAccessMatrix(
  combinations: readonly MatrixCombination[],
  call: (combination: MatrixCombination, correlationId: string) => Promise<MatrixCallResult>,
  eventsByCorrelation: (correlationPrefix: string) => Promise<Map<string, string[]>>,
  concurrency = 12,
): Promise<MatrixReport> {
  const ids = matrixCorrelationIds();
  const statuses = new Array<number>(combinations.length);
  const fields = new Array<readonly string[] | undefined>(combinations.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= combinations.length) return;
      const result = await call(combinations[index]!, ids.of(index));
      statuses[index] = result.status;
      fields[index] = result.fields;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const events = await eventsByCorrelation(ids.prefix);
  const report: MatrixReport = {
    combinations: combinations.length,
    allowed: 0,
    breakGlass: 0,
    notFound: 0,
    forbidden: 0,
    readOnly: 0,
    falseAllows: 0,
    falseDenies: 0,
    wrongStatus: 0,
    wrongEvents: 0,
    wrongView: 0,
    mismatches: [],
  };
  combinations.forEach((combination, index) => {
    const expected = expectedFor(combination);
    if (expected === 'allowed') report.allowed += 1;
    else if (expected === 'break-glass') report.breakGlass += 1;
    else if (expected === 'not-found') report.notFound += 1;
    else if (expected === 'read-only') report.readOnly += 1;
    else report.forbidden += 1;
    const status = statuses[index]!;
    const allowedStatus = combination.route.allowedStatus;
    const actuallyAllowed = status === allowedStatus;
    const shouldAllow = expected === 'allowed' || expected === 'break-glass';
    const wantedStatus = EXPECTED_STATUS[expected](combination.route);
    const wantedEvents = EXPECTED_EVENTS[expected](isWriteAction(combination.route.action));
    const got = events.get(ids.of(index)) ?? [];
    let problem: string | null = null;
    if (actuallyAllowed && !shouldAllow) {
      report.falseAllows += 1;
      problem = 'false allow';
    } else if (!actuallyAllowed && shouldAllow) {
      report.falseDenies += 1;
      problem = 'false deny';
    } else if (status !== wantedStatus) {
      report.wrongStatus += 1;
      problem = 'wrong status';
    } else if (!wantedEvents.some((wanted) => JSON.stringify(got) === JSON.stringify(wanted))) {
      report.wrongEvents += 1;
      problem = 'wrong events';
    } else if (shouldAllow && combination.route.view && fields[index]) {
      const summary = SUMMARY_FIELDS[combination.route.view];
      const beyond = fields[index]!.filter((field) => !summary.includes(field));
      const view = expectedView(combination);
      // Content where the table grants a summary; a summary where it grants a direct-care organisation content.
      if ((view === 'summary' && beyond.length > 0) || (view === 'full' && beyond.length === 0 && DIRECT_CARE_ORGANISATION_TYPES.includes(combination.fixture.organisationType))) {
        report.wrongView += 1;
        problem = `wrong view (${view})`;
      }
    }
    const shown = problem ? report.mismatches.filter((m) => m.startsWith(problem as string)).length : 0;
    if (problem && shown < 8) {
      const { fixture, role, route, target, breakGlass } = combination;
      report.mismatches.push(
        `${problem}: ${fixture.organisationType}/${role} ${fixture.kind} ${route.name} (${target}${breakGlass ? ', break-glass' : ''}) expected ${expected} ${wantedStatus} ${JSON.stringify(wantedEvents)}, got ${status} ${JSON.stringify(got)}`,
      );
    }
  });
  return report;
}

export const MATRIX_ORGANISATION_TYPES = ORGANISATION_TYPES;
export const MATRIX_BREAK_GLASS_REASON = 'Matrix: patient in crisis at A&E, record needed for risk history';

/** What `runAccessMatrixOverHttp` needs of a service under test. */
export interface MatrixService {
  /** The Nest app's HTTP server (not yet listening): the run listens once on a free port and closes it after. */
  server: Server;
  /** The service's event store: the access trail is read back once, after every request. */
  store: Pick<EventStore, 'readAll' | 'headPosition'>;
  /** A bearer token (`Bearer …`) for a user of the organisation with exactly one role. */
  bearer(user: { user: string; org: string; orgType: OrganisationType; roles: Role[] }): Promise<string>;
}

/**
 * Sends every combination to the service over one listening server with keep-alive `fetch` (supertest would listen
 * on a new port per request), each with its correlation id (and break-glass header), then reads the log written
 * after `logBefore` once, page by page, grouping event types by correlation id: `runAccessMatrix` over HTTP.
 */
export async function runAccessMatrixOverHttp(service: MatrixService, combinations: readonly MatrixCombination[], concurrency = 12): Promise<MatrixReport> {
  const logBefore = await service.store.headPosition();
  const tokens = new Map<string, Promise<string>>();
  const server = service.server;
  // Idle keep-alive sockets outlive the client's reuse window: with Node's 5 s default the server could close a socket
  // just as fetch reused it on a loaded machine (ECONNRESET mid-matrix in one CI run).
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    return await runAccessMatrix(
      combinations,
      async ({ fixture, role, route, target, breakGlass }, correlationId) => {
        const key = `${fixture.organisationId}/${role}`;
        let token = tokens.get(key);
        if (!token) {
          token = service.bearer({ user: `u-mx-${role}-${fixture.organisationId}`, org: fixture.organisationId, orgType: fixture.organisationType, roles: [role] });
          tokens.set(key, token);
        }
        const id = fixture.ids[route.targetIdKind]![target];
        const headers: Record<string, string> = { Authorization: await token, 'X-Correlation-Id': correlationId, ...(route.headers ?? {}) };
        if (breakGlass) headers['X-Break-Glass-Reason'] = MATRIX_BREAK_GLASS_REASON;
        if (route.body !== undefined) headers['Content-Type'] = 'application/json';
        const response = await fetch(`${base}${route.path(id)}`, {
          method: route.method.toUpperCase(),
          headers,
          ...(route.body === undefined ? {} : { body: JSON.stringify(route.body) }),
        });
        await response.arrayBuffer();
        return { status: response.status };
      },
      async (prefix) => {
        const byCorrelation = new Map<string, string[]>();
        // One read returns at most 10,000 events: page through the log written after the fixtures.
        for (let after = logBefore, page = await service.store.readAll({ after }); page.length > 0; page = await service.store.readAll({ after })) {
          for (const event of page) {
            const correlation = event.metadata.correlationId;
            if (!correlation?.startsWith(prefix)) continue;
            const types = byCorrelation.get(correlation);
            if (types) types.push(event.type);
            else byCorrelation.set(correlation, [event.type]);
          }
          after = page[page.length - 1]!.globalPosition;
        }
        return byCorrelation;
      },
      concurrency,
    );
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The counts a matrix spec prints (one line). */
export function describeMatrixReport(service: string, report: MatrixReport, fixtures: number, seconds: number): string {
  return (
    `access matrix (${service}): ${report.combinations} combinations over ${fixtures} fixtures; ` +
    `expected allowed ${report.allowed}, break-glass ${report.breakGlass}, 404 ${report.notFound}, 403 ${report.forbidden}, 403 read-only break-glass ${report.readOnly}; ` +
    `false allows ${report.falseAllows}, false denies ${report.falseDenies}, wrong status ${report.wrongStatus}, wrong events ${report.wrongEvents}; ${seconds.toFixed(1)} s`
  );
}

/**
 * One role of each class the policy can tell apart: every role some cell of `ACCESS_POLICY` (or break-glass) names,
 * plus one role no cell names — the roles no cell names (auditor, ops, …) are decided identically by construction,
 * so a matrix over these is a matrix over every role, at a fraction of the requests.
 */
export function policyRoleClasses(): Role[] {
  const named = new Set<Role>(BREAK_GLASS_POLICY.roles);
  for (const kind of Object.values(ACCESS_POLICY)) for (const grant of Object.values(kind.grants)) for (const role of grant?.roles ?? []) named.add(role);
  return [...ROLES.filter((role) => named.has(role)), ...ROLES.filter((role) => !named.has(role)).slice(0, 1)];
}
