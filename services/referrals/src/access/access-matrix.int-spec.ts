import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ACCESS_OPTIONS, type AccessModuleOptions, applyCareRelationshipEvent, BREAK_GLASS_HEADER, ORGANISATION_TYPES, type OrganisationType, type RelationshipKind, ROLES } from '@stepwell/access';
import { enumerateCombinations, MATRIX_BREAK_GLASS_REASON, type MatrixFixture, type MatrixRoute, runAccessMatrix, type TestUser } from '@stepwell/access/testing';
import { DataSource } from 'typeorm';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/** The registry's organisation of each type (seeded), which takes the relationship under test. */
const ORG_OF: Record<OrganisationType, string> = {
  'gp-practice': 'A81001',
  'talking-therapies': 'RXT01',
  'psychotherapy-consultation': 'RPC01',
  'secondary-care': 'RY1',
  'crisis-team': 'RCR01',
  'voluntary-sector': 'VS0042',
  commissioner: 'QWE01',
  audit: 'AUD01',
};
/** The other parties of each fixture (registered by the test): referrer, receiving service, other provider. */
const REFERRER: TestUser = { user: 'u-mx-ref', org: 'MXG01', orgType: 'gp-practice', roles: ['referrer', 'clinician'] };
const RECEIVER: TestUser = { user: 'u-mx-recv', org: 'MXR01', orgType: 'talking-therapies', roles: ['clinician'] };
const OTHER: TestUser = { user: 'u-mx-other', org: 'MXO01', orgType: 'secondary-care', roles: ['clinician'] };
const KINDS: RelationshipKind[] = ['none', 'receiving', 'referrer', 'provider-current', 'provider-past', 'provider-expired', 'voluntary-sector-prescription'];
const DIRECT = ['gp-practice', 'talking-therapies', 'psychotherapy-consultation', 'secondary-care', 'crisis-team'];
const STALE = { 'If-Match': '"999"' };
const scores = [{ measure: 'phq-9', score: 19, recordedAt: '2026-11-01T10:00:00Z' }];

/** The referrals routes that return or change patient data (the triage queue and waiting list are the caller's own lists). */
const ROUTES: MatrixRoute[] = [
  { name: 'GET /referrals/{id}', action: 'referral.read', method: 'get', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}`, allowedStatus: 200 },
  { name: 'POST /referrals/{id}/withdraw', action: 'referral.withdraw', method: 'post', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}/withdraw`, body: { reason: 'duplicate' }, headers: STALE, allowedStatus: 412 },
  { name: 'POST /referrals/{id}/triage', action: 'referral.triage', method: 'post', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}/triage`, body: { outcome: 'decline', reason: 'other', text: 'Matrix' }, headers: STALE, allowedStatus: 412 },
  { name: 'GET /episodes/{id}', action: 'episode.read', method: 'get', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}`, allowedStatus: 200 },
  { name: 'POST /episodes/{id}/opt-in', action: 'episode.administer', method: 'post', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/opt-in`, body: {}, headers: STALE, allowedStatus: 412 },
  { name: 'POST /episodes/{id}/pauses', action: 'episode.administer', method: 'post', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/pauses`, body: {}, headers: STALE, allowedStatus: 412 },
  { name: 'POST /episodes/{id}/pauses/{pauseId}/end', action: 'episode.administer', method: 'post', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/pauses/${randomUUID()}/end`, body: {}, headers: STALE, allowedStatus: 412 },
  { name: 'POST /episodes/{id}/step-changes', action: 'episode.decide', method: 'post', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/step-changes`, body: { to: 'step-3', providingOrganisation: 'MXO01', reason: 'not-improving', scores }, headers: STALE, allowedStatus: 412 },
  { name: 'POST /episodes/{id}/discharge', action: 'episode.decide', method: 'post', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}/discharge`, body: { reason: 'completed' }, headers: STALE, allowedStatus: 412 },
  { name: 'GET /patients/{id}/episodes', action: 'patient.episodes', method: 'get', targetIdKind: 'patient', targets: ['own'], path: (id) => `/patients/${id}/episodes`, allowedStatus: 200 },
  { name: 'GET /patients/{id}/journey', action: 'patient.journey', method: 'get', targetIdKind: 'patient', targets: ['own'], path: (id) => `/patients/${id}/journey`, allowedStatus: 200 },
];

describe('the generated access matrix of the referrals service (real PostgreSQL, over HTTP)', () => {
  let service: ReferralsTestApp;
  let seed = 880000;
  beforeAll(async () => {
    // Thousands of writes per organisation in a minute: the per-organisation write limit (600/min) is not under test here.
    service = await startReferralsTestApp('access_matrix', { RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: '1000000' });
  }, 120_000);
  afterAll(() => service.close());

  const agent = (who: TestUser) => service.as(who);

  /** Sends R2 from the referrer to the receiving service, accepted to OTHER: the person's "other" records. */
  async function otherCare(form: ReturnType<typeof referralFor>) {
    const r2 = await (await agent(REFERRER)).post('/referrals').send({ ...form, receivingOrganisation: RECEIVER.org }).expect(201);
    const e2 = await (await agent(RECEIVER)).post(`/referrals/${r2.body.id as string}/triage`).send({ outcome: 'accept', step: 'step-3', providingOrganisation: OTHER.org }).expect(200);
    return { r2: r2.body.id as string, e2: e2.body.triage.episodeId as string, patient: r2.body.patientSubjectId as string };
  }

  /** Builds the fixture of `kind` for `type` through the real routes, or null where the policy makes it impossible. */
  async function build(kind: RelationshipKind, type: OrganisationType): Promise<MatrixFixture | null> {
    const org = ORG_OF[type];
    const x: TestUser = { user: `u-mx-${org}`, org, orgType: type, roles: ['clinician', 'referrer', 'admin'] };
    const direct = DIRECT.includes(type);
    if (kind === 'referrer' && (type === 'commissioner' || type === 'audit')) return null;
    if ((kind === 'provider-past' || kind === 'provider-expired') && !direct) return null;
    const form = referralFor(seed++);
    const { r2, e2, patient } = await otherCare(form);
    let r1: string;
    let e1: string | null = null;
    if (kind === 'receiving') {
      r1 = (await (await agent(REFERRER)).post('/referrals').send({ ...form, receivingOrganisation: org }).expect(201)).body.id as string;
    } else if (kind === 'referrer') {
      r1 = (await (await agent(x)).post('/referrals').send({ ...form, source: type === 'voluntary-sector' ? 'voluntary-sector' : 'gp', receivingOrganisation: RECEIVER.org }).expect(201)).body.id as string;
    } else {
      r1 = (await (await agent(REFERRER)).post('/referrals').send({ ...form, receivingOrganisation: RECEIVER.org }).expect(201)).body.id as string;
    }
    if (kind !== 'receiving') {
      const provider = kind.startsWith('provider') ? org : RECEIVER.org;
      const accepted = await (await agent(RECEIVER)).post(`/referrals/${r1}/triage`).send({ outcome: 'accept', step: 'step-2', providingOrganisation: provider }).expect(200);
      e1 = accepted.body.triage.episodeId as string;
    }
    if (kind === 'provider-past' || kind === 'provider-expired') {
      await (await agent({ ...x, roles: ['clinician'] })).post(`/episodes/${e1 as string}/discharge`).send({ reason: 'completed' }).expect(200);
    }
    if (kind === 'voluntary-sector-prescription') {
      // No service publishes social prescriptions yet: the consumer's projection is fed the event it will carry.
      await applyCareRelationshipEvent(service.app.get(DataSource).manager, {
        eventId: randomUUID(),
        eventType: 'test.social-prescription-made.v1',
        patientSubjectId: patient,
        occurredAt: new Date().toISOString(),
        participants: [{ organisationId: org, reason: 'social-prescription-organisation', scope: `episode:${e1 as string}` }],
      });
    }
    const ownEpisode = e1 ?? e2;
    const kindOf = (id: string): RelationshipKind[] => {
      const providerLike = kind === 'provider-current' || kind === 'provider-past';
      if (id === patient) return kind === 'none' ? [] : [kind];
      if (id === r1) {
        // The prescription is of the episode R1 opened: its organisation relates to that referral too (no grant on it: 403).
        if (kind === 'receiving' || kind === 'referrer' || kind.startsWith('provider') || kind === 'voluntary-sector-prescription') return [kind];
        return [];
      }
      if (id === e1) {
        if (kind === 'referrer' || kind.startsWith('provider') || kind === 'voluntary-sector-prescription') return [kind];
        return [];
      }
      // R2 / E2: another person's provider's records.
      return providerLike ? ['provider-other-episode'] : [];
    };
    return {
      kind,
      organisationType: type,
      organisationId: org,
      consentToShare: true,
      kindsOf: kindOf,
      awaitingTriage: (id) => kind === 'receiving' && id === r1,
      ids: { referral: { own: r1, other: r2 }, episode: { own: ownEpisode, other: e2 }, patient: { own: patient, other: patient } },
    };
  }

  it(
    'finds 0 false allows and 0 false denies over every organisation type × role × relationship kind × route × target × break-glass, each refusal writing one AccessRefused and nothing else',
    async () => {
      const admin = await agent({ user: 'u-mx-reg', org: 'AUD01', orgType: 'audit', roles: ['registry-admin'] });
      for (const [who, name] of [
        [REFERRER, 'Matrix GP'],
        [RECEIVER, 'Matrix Talking Therapies'],
        [OTHER, 'Matrix CMHT'],
      ] as const) {
        await admin.put(`/organisations/${who.org}`).send({ name, organisationType: who.orgType }).expect(200);
      }
      // Expired providers first, then move the access clock past their retention but not past the others'.
      const options = service.app.get<AccessModuleOptions>(ACCESS_OPTIONS, { strict: false });
      const started = Date.now();
      const fixtures: MatrixFixture[] = [];
      let unconstructible = 0;
      const buildAll = async (kinds: readonly RelationshipKind[]) => {
        // A few fixtures at a time (the service sheds load beyond HTTP_MAX_CONCURRENT_REQUESTS).
        const pairs = kinds.flatMap((kind) => ORGANISATION_TYPES.map((type) => [kind, type] as const));
        const built: (MatrixFixture | null)[] = [];
        for (let i = 0; i < pairs.length; i += 8) built.push(...(await Promise.all(pairs.slice(i, i + 8).map(([kind, type]) => build(kind, type)))));
        for (const fixture of built) {
          if (fixture) fixtures.push(fixture);
          else unconstructible += 1;
        }
      };
      await buildAll(['provider-expired']);
      const expiredEndedBy = Date.now();
      await buildAll(KINDS.filter((k) => k !== 'provider-expired'));
      const retentionMs = (options.providerRetentionDays ?? 90) * 86_400_000;
      const pastEndedFrom = expiredEndedBy + 1;
      options.clock = () => new Date(expiredEndedBy + retentionMs + Math.max(1, Math.floor((pastEndedFrom - expiredEndedBy) / 2)));

      const combinations = enumerateCombinations(fixtures, ROUTES, ROLES);
      const logBefore = await service.store.headPosition();
      const tokens = new Map<string, string>();
      // One listening server and keep-alive connections (fetch): supertest would listen on a new port per request.
      const server = service.app.getHttpServer() as Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const report = await runAccessMatrix(
        combinations,
        async ({ fixture, role, route, target, breakGlass }, correlationId) => {
          const key = `${fixture.organisationId}/${role}`;
          let token = tokens.get(key);
          if (!token) {
            token = await service.issuer.bearer({ user: `u-mx-${role}-${fixture.organisationId}`, org: fixture.organisationId, orgType: fixture.organisationType, roles: [role] });
            tokens.set(key, token);
          }
          const id = fixture.ids[route.targetIdKind]![target];
          const headers: Record<string, string> = { Authorization: token, 'X-Correlation-Id': correlationId, ...(route.headers ?? {}) };
          if (breakGlass) headers[BREAK_GLASS_HEADER] = MATRIX_BREAK_GLASS_REASON;
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
          // The log after the fixtures, paged: one read returns at most 10,000 events.
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
      );
      console.log(
        `access matrix (referrals): ${report.combinations} combinations over ${fixtures.length} fixtures (${unconstructible} kind × type pairs the policy makes impossible to build); ` +
          `expected allowed ${report.allowed}, break-glass ${report.breakGlass}, 404 ${report.notFound}, 403 ${report.forbidden}, 403 read-only break-glass ${report.readOnly}; ` +
          `false allows ${report.falseAllows}, false denies ${report.falseDenies}, wrong status ${report.wrongStatus}, wrong events ${report.wrongEvents}; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(report.mismatches).toEqual([]);
      expect(report.falseAllows).toBe(0);
      expect(report.falseDenies).toBe(0);
      expect(report.combinations).toBeGreaterThanOrEqual(10_000);
    },
    1_800_000,
  );
});
