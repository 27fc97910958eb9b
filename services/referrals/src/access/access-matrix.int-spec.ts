import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ACCESS_OPTIONS, type AccessModuleOptions, applyCareRelationshipEvent, BREAK_GLASS_HEADER, ORGANISATION_TYPES, type OrganisationType, type RelationshipKind, ROLES } from '@stepwell/access';
import { enumerateCombinations, MATRIX_BREAK_GLASS_REASON, type MatrixFixture, type MatrixRoute, runAccessMatrix, type TestUser } from '@stepwell/access/testing';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
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
/** Every kind a referrals fixture can give; `unverified-self-referral`: the provider of an episode opened from a self-referral nobody verified (H-A1). */
const KINDS: RelationshipKind[] = ['none', 'receiving', 'referrer', 'provider-current', 'provider-past', 'provider-expired', 'voluntary-sector-prescription', 'unverified-self-referral'];
/** Kinds built a second time with the person's other referral received WITHOUT consent to share. */
const WITHOUT_CONSENT: RelationshipKind[] = ['provider-current', 'provider-past'];
const DIRECT = ['gp-practice', 'talking-therapies', 'psychotherapy-consultation', 'secondary-care', 'crisis-team'];
const STALE = { 'If-Match': '"999"' };
const scores = [{ measure: 'phq-9', score: 19, recordedAt: '2026-11-01T10:00:00Z' }];

/** The referrals routes that return or change patient data (the triage queue and waiting list are the caller's own lists). */
const ROUTES: MatrixRoute[] = [
  { name: 'GET /referrals/{id}', action: 'referral.read', method: 'get', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}`, allowedStatus: 200, view: 'referral' },
  { name: 'POST /referrals/{id}/withdraw', action: 'referral.withdraw', method: 'post', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}/withdraw`, body: { reason: 'duplicate' }, headers: STALE, allowedStatus: 412 },
  { name: 'POST /referrals/{id}/complete', action: 'referral.complete', method: 'post', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}/complete`, body: { urgency: 'urgent' }, headers: STALE, allowedStatus: 412 },
  { name: 'POST /referrals/{id}/triage', action: 'referral.triage', method: 'post', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}/triage`, body: { outcome: 'decline', reason: 'other', text: 'Matrix' }, headers: STALE, allowedStatus: 412 },
  { name: 'POST /referrals/{id}/identity-verification', action: 'referral.verify-identity', method: 'post', targetIdKind: 'referral', targets: ['own', 'other'], path: (id) => `/referrals/${id}/identity-verification`, body: { method: 'nhs-login' }, headers: STALE, allowedStatus: 412 },
  { name: 'GET /episodes/{id}', action: 'episode.read', method: 'get', targetIdKind: 'episode', targets: ['own', 'other'], path: (id) => `/episodes/${id}`, allowedStatus: 200, view: 'episode' },
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
    // Self-referrals are limited per client address: each fixture's form comes from its own address (TRUSTED_PROXIES).
    // On a machine shared with other test runs a fixture write can take longer than the 10 s request timeout.
    service = await startReferralsTestApp(
      'access_matrix',
      { RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: '1000000', TRUSTED_PROXIES: '127.0.0.1,::1' },
      { requestTimeoutMs: 60_000 },
    );
  }, 120_000);
  afterAll(() => service.close());

  const agent = (who: TestUser) => service.as(who);

  let client = 0;

  /**
   * A referral of the same person received WITHOUT consent to share. The intake refuses such a form today (400
   * `CONSENT_REQUIRED`), so the fixture stores the fact the decider would record — a first referral's
   * `ReferralReceived` with another id and `consentToShare: false` — as the voluntary-sector fixture feeds its event:
   * the policy's "without consent" cells are exercised against the real resolver, projection and routes.
   */
  async function receivedWithoutConsent(template: string): Promise<string> {
    const store = service.app.get<EventStore>(EVENT_STORE);
    const [received] = await store.readStream(`referral-${template}`, { maxCount: 1 });
    const referralId = randomUUID();
    const appended = await store.appendToStream(
      `referral-${referralId}`,
      [{ id: randomUUID(), type: 'ReferralReceived', data: { ...(received!.data as object), referralId, consentToShare: false }, metadata: { ...received!.metadata, correlationId: randomUUID() } }],
      { expectedRevision: 'no_stream' },
    );
    await service.app.get(ProjectionRunner).waitFor(appended.lastGlobalPosition);
    return referralId;
  }

  /** Sends R2 from the referrer to the receiving service, accepted to OTHER: the person's "other" records. */
  async function otherCare(form: ReturnType<typeof referralFor>, consentToShare = true) {
    const sent = await (await agent(REFERRER)).post('/referrals').send({ ...form, receivingOrganisation: RECEIVER.org }).expect(201);
    const r2 = consentToShare ? (sent.body.id as string) : await receivedWithoutConsent(sent.body.id as string);
    const e2 = await (await agent(RECEIVER)).post(`/referrals/${r2}/triage`).send({ outcome: 'accept', step: 'step-3', providingOrganisation: OTHER.org }).expect(200);
    return { r2, e2: e2.body.triage.episodeId as string, patient: sent.body.patientSubjectId as string };
  }

  /** Builds the fixture of `kind` for `type` through the real routes, or null where the policy makes it impossible. */
  async function build(kind: RelationshipKind, type: OrganisationType, consentToShare = true): Promise<MatrixFixture | null> {
    const org = ORG_OF[type];
    const x: TestUser = { user: `u-mx-${org}`, org, orgType: type, roles: ['clinician', 'referrer', 'admin'] };
    const direct = DIRECT.includes(type);
    if (kind === 'referrer' && (type === 'commissioner' || type === 'audit')) return null;
    if ((kind === 'provider-past' || kind === 'provider-expired') && !direct) return null;
    const form = referralFor(seed++);
    const { r2, e2, patient } = await otherCare(form, consentToShare);
    let r1: string;
    let e1: string | null = null;
    if (kind === 'unverified-self-referral') {
      // The same person named by an anonymous form to the receiving service, which accepts it to `org` unverified.
      const { source: _source, ...selfForm } = { ...form, receivingOrganisation: RECEIVER.org };
      r1 = (await service.anonymous().post('/self-referrals').set('X-Forwarded-For', `198.51.100.${++client}`).send(selfForm).expect(201)).body.id as string;
    } else if (kind === 'receiving') {
      r1 = (await (await agent(REFERRER)).post('/referrals').send({ ...form, receivingOrganisation: org }).expect(201)).body.id as string;
    } else if (kind === 'referrer') {
      r1 = (await (await agent(x)).post('/referrals').send({ ...form, source: type === 'voluntary-sector' ? 'voluntary-sector' : 'gp', receivingOrganisation: RECEIVER.org }).expect(201)).body.id as string;
    } else {
      r1 = (await (await agent(REFERRER)).post('/referrals').send({ ...form, receivingOrganisation: RECEIVER.org }).expect(201)).body.id as string;
    }
    if (kind !== 'receiving') {
      const provider = kind.startsWith('provider') || kind === 'unverified-self-referral' ? org : RECEIVER.org;
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
      if (kind === 'unverified-self-referral') {
        // Its own referral and episode as their provider; the person as a whole refused (403); other records unknown (404).
        if (id === patient) return ['unverified-self-referral'];
        return id === r1 || id === e1 ? ['provider-current'] : [];
      }
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
      consentToShare,
      // R1, E1 and the patient-wide routes are always with consent; R2 / E2 as built.
      consentOf: (id) => (id === r2 || id === e2 ? consentToShare : true),
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
      const buildAll = async (kinds: readonly RelationshipKind[], consentToShare = true) => {
        // A few fixtures at a time (the service sheds load beyond HTTP_MAX_CONCURRENT_REQUESTS).
        const pairs = kinds.flatMap((kind) => ORGANISATION_TYPES.map((type) => [kind, type] as const));
        const built: (MatrixFixture | null)[] = [];
        for (let i = 0; i < pairs.length; i += 8) built.push(...(await Promise.all(pairs.slice(i, i + 8).map(([kind, type]) => build(kind, type, consentToShare)))));
        for (const fixture of built) {
          if (fixture) fixtures.push(fixture);
          else unconstructible += 1;
        }
      };
      await buildAll(['provider-expired']);
      const expiredEndedBy = Date.now();
      await buildAll(KINDS.filter((k) => k !== 'provider-expired'));
      await buildAll(WITHOUT_CONSENT, false);
      const retentionMs = (options.providerRetentionDays ?? 90) * 86_400_000;
      const pastEndedFrom = expiredEndedBy + 1;
      options.clock = () => new Date(expiredEndedBy + retentionMs + Math.max(1, Math.floor((pastEndedFrom - expiredEndedBy) / 2)));

      const combinations = enumerateCombinations(fixtures, ROUTES, ROLES);
      const logBefore = await service.store.headPosition();
      const tokens = new Map<string, string>();
      // One listening server and keep-alive connections (fetch): supertest would listen on a new port per request.
      const server = service.app.getHttpServer() as Server;
      // Idle keep-alive sockets outlive the client's reuse window: with Node's 5 s default the server could close a socket
      // just as fetch reused it on a loaded machine (ECONNRESET mid-matrix in one CI run).
      server.keepAliveTimeout = 60_000;
      server.headersTimeout = 61_000;
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
          if (!route.view || !response.ok) {
            await response.arrayBuffer();
            return { status: response.status };
          }
          return { status: response.status, fields: Object.keys((await response.json()) as object) };
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
          `without consent to share: ${fixtures.filter((f) => !f.consentToShare).length} fixtures; ` +
          `false allows ${report.falseAllows}, false denies ${report.falseDenies}, wrong status ${report.wrongStatus}, wrong events ${report.wrongEvents}, wrong view ${report.wrongView}; ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(report.mismatches).toEqual([]);
      expect(report.falseAllows).toBe(0);
      expect(report.falseDenies).toBe(0);
      expect(report.wrongView).toBe(0);
      expect(report.combinations).toBeGreaterThanOrEqual(10_000);
    },
    1_800_000,
  );
});
