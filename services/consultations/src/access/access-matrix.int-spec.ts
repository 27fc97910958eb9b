import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { Reflector } from '@nestjs/core';
import { ACCESS_POLICY, ORGANISATION_TYPES, REQUIRED_ROLES, type AccessAction, type OrganisationType, type RelationshipKind, type Role } from '@stepwell/access';
import {
  describeMatrixReport,
  enumerateCombinations,
  type MatrixFixture,
  type MatrixRoute,
  policyRoleClasses,
  runAccessMatrixOverHttp,
} from '@stepwell/access/testing';
import type { TestUser } from '@stepwell/access/testing';
import { ConsultationActionsController } from '../consultation-actions/consultation-actions.controller';
import { RequestConsultationController } from '../request-consultation/request-consultation.controller';
import { startConsultationsTestApp, validAnswer, validOffering, validRequest, type ConsultationsTestApp } from '../testing/consultations-test-app';

/**
 * Issue 16 (done when: "an unrelated organisation can neither see nor answer a consultation; the consulting
 * relationship lets the specialist see only what the request shared"): every consultations route that names one
 * consultation or one person, for every organisation type × role class × the organisation's place in the
 * consultation × target × break-glass, against what `ACCESS_POLICY` says (the library's oracle, never the guard's
 * `decideAccess`). Writes carry a stale If-Match: an allowed write is decided, then refused 412, nothing written.
 * `POST /consultations` takes no If-Match; it names a consultation service that publishes no offering, so an allowed
 * request is decided, then refused 422 `NO_SUCH_OFFERING`, nothing written.
 *
 * The organisation's place (`MatrixFixture.kind` is the relationship the fixture stands for):
 * - requester (`consultation-requester`): it asked for the "own" consultation (and referred the person: `referrer`);
 * - consulting service (`consulting`): it was asked;
 * - redirected (`consulting`, relationship ended): it was asked and redirected the consultation elsewhere — the policy
 *   keeps its record of what it was asked (`endsWhen: never for that consultation`), and nothing more;
 * - ended care (`provider-expired`): it provided a step of the person's care that ended beyond the retention period
 *   and is no party to any consultation;
 * - stranger (`none`).
 * The "other" target is another consultation about the SAME person between two other organisations: the consulting
 * relationship reaches the consultation it was asked, never the rest of the person's care (404, as for an unknown id).
 *
 * Before the policy, each route's `@Roles` (the roles some cell grants its action: the generated route-roles table)
 * turns away a role the route never serves with 403 `FORBIDDEN_ROLE`, before any record is looked at — the same
 * answer whatever the id, so it tells nothing of the consultation, and it writes no `AccessRefused` (nobody's record
 * was asked for by a role that could read it). Those combinations are checked apart: first that the gate never
 * removes a role the policy table grants the route's action for any kind (so it can cause no false deny), then over
 * HTTP that each such route × role is 403 `FORBIDDEN_ROLE` with nothing written. Break-glass: no consultations action
 * is a break-glass action, so break-glass is tried on the read, on `POST /consultations` and on one write (any write
 * carrying the header is refused by `BreakGlassReadOnlyGuard` before the route is looked at).
 * Not here (organisation-wide, not one record): the worklist `GET /consultations` (its own organisation only:
 * `breach-check/consultation-breach.int-spec.ts`, `consultation-lifecycle.int-spec.ts`), the metrics (aggregates:
 * `metrics/consultation-metrics.int-spec.ts`), offerings (no patient data); offers and MDT meetings are decided by
 * `record-holder` and the MDT rules (`consultation-offers.int-spec.ts`, `mdt/mdt.int-spec.ts`).
 */
type MatrixCombination = ReturnType<typeof enumerateCombinations>[number];
const STALE = { 'If-Match': '"999"' };
const DAY = 86_400_000;
type Place = 'requester' | 'consulting' | 'redirected' | 'ended-care' | 'stranger';
const PLACES: readonly Place[] = ['requester', 'consulting', 'redirected', 'ended-care', 'stranger'];
const KIND_OF: Record<Place, RelationshipKind> = {
  requester: 'consultation-requester',
  consulting: 'consulting',
  redirected: 'consulting',
  'ended-care': 'provider-expired',
  stranger: 'none',
};
/** The fixed parties: the practice that asks the fixture services, the service the fixture practices ask, and the other consultation's two. */
const ASKING_PRACTICE = 'MXCREQ';
const ASKED_SERVICE = 'MXCSVC';
const OTHER_PRACTICE = 'MXOREQ';
const OTHER_SERVICE = 'MXOSVC';
const NO_OFFERING = 'MXNONE';

const practiceClinician = (org: string): TestUser => ({ user: `u-mx-gp-${org}`, org, orgType: 'gp-practice', roles: ['clinician'] });
const serviceAdmin = (org: string): TestUser => ({ user: `u-mx-admin-${org}`, org, orgType: 'psychotherapy-consultation', roles: ['admin'] });

/** The controller method behind each route, for its `@Roles`. */
const HANDLERS: Record<string, (...args: never[]) => unknown> = {
  'GET /consultations/{id}': ConsultationActionsController.prototype.findOne,
  'POST /consultations/{id}/accept': ConsultationActionsController.prototype.accept,
  'POST /consultations/{id}/assign': ConsultationActionsController.prototype.assign,
  'POST /consultations/{id}/information-requests': ConsultationActionsController.prototype.askForInformation,
  'POST /consultations/{id}/information': ConsultationActionsController.prototype.provideInformation,
  'POST /consultations/{id}/answer': ConsultationActionsController.prototype.answer,
  'POST /consultations/{id}/rating': ConsultationActionsController.prototype.rate,
  'POST /consultations/{id}/redirect': ConsultationActionsController.prototype.redirect,
  'POST /consultations/{id}/decline': ConsultationActionsController.prototype.decline,
  'POST /consultations/{id}/close': ConsultationActionsController.prototype.close,
  'POST /consultations/{id}/messages': ConsultationActionsController.prototype.postMessage,
  'POST /consultations/{id}/calls': ConsultationActionsController.prototype.bookCall,
  'POST /consultations': RequestConsultationController.prototype.create,
};
const routeRoles = (route: MatrixRoute): readonly Role[] => {
  const handler = HANDLERS[route.name];
  if (!handler) throw new Error(`no handler for ${route.name}`);
  return new Reflector().get<Role[] | undefined>(REQUIRED_ROLES, handler) ?? [];
};
/** Break-glass is tried on these routes only (see above). */
const BREAK_GLASS_ROUTES = new Set(['GET /consultations/{id}', 'POST /consultations', 'POST /consultations/{id}/accept']);

/** The routes, for one fixture: the requester's steps on its consultation are `consultation.follow-up` where the route serves either side. */
function routesFor(place: Place, now: number): MatrixRoute[] {
  const either: AccessAction = place === 'requester' ? 'consultation.follow-up' : 'consultation.work';
  const write = (name: string, action: AccessAction, suffix: string, body: unknown): MatrixRoute => ({
    name: `POST /consultations/{id}/${name}`,
    action,
    method: 'post',
    targetIdKind: 'consultation',
    targets: ['own', 'other'],
    path: (id) => `/consultations/${id}/${suffix}`,
    body,
    headers: STALE,
    allowedStatus: 412,
  });
  return [
    { name: 'GET /consultations/{id}', action: 'consultation.read', method: 'get', targetIdKind: 'consultation', targets: ['own', 'other'], path: (id) => `/consultations/${id}`, allowedStatus: 200 },
    write('accept', 'consultation.work', 'accept', {}),
    write('assign', 'consultation.work', 'assign', { assignTo: 'u-mx-specialist' }),
    write('information-requests', 'consultation.work', 'information-requests', { question: 'Matrix: any history of trauma?' }),
    write('information', 'consultation.follow-up', 'information', { text: 'Matrix: none disclosed' }),
    write('answer', 'consultation.answer', 'answer', validAnswer()),
    write('rating', 'consultation.follow-up', 'rating', { usefulness: 4 }),
    write('redirect', 'consultation.work', 'redirect', { toService: OTHER_SERVICE, reason: 'Matrix: closer service' }),
    write('decline', 'consultation.work', 'decline', { reason: 'Matrix: outside remit' }),
    write('close', either, 'close', {}),
    write('messages', either, 'messages', { text: 'Matrix: a message' }),
    write('calls', either, 'calls', { startsAt: new Date(now + 7 * DAY).toISOString(), mode: 'telephone', attendees: [{ role: 'gp', organisation: ASKING_PRACTICE, userId: 'u-mx-gp' }] }),
  ];
}

/** `POST /consultations` about the fixture's own person and about another person: one route per target (the body names the person). */
function requestRoutes(fixture: MatrixFixture): MatrixRoute[] {
  return (['own', 'other'] as const).map((target) => ({
    name: 'POST /consultations',
    action: 'consultation.request' as const,
    method: 'post' as const,
    targetIdKind: 'patient',
    targets: [target],
    path: () => '/consultations',
    body: validRequest({ consultationService: NO_OFFERING, patient: { subjectId: fixture.ids['patient']![target], consent: 'recorded' } }),
    allowedStatus: 422,
  }));
}

describe('the generated access matrix of the consultations service (real PostgreSQL, over HTTP)', () => {
  let service: ConsultationsTestApp;
  beforeAll(async () => {
    service = await startConsultationsTestApp('consultations_access_matrix');
    for (const org of [ASKED_SERVICE, OTHER_SERVICE]) await (await service.as(serviceAdmin(org))).put(`/offerings/${org}`).send(validOffering).expect(200);
  }, 120_000);
  afterAll(() => service.close());

  /** A care relationship row as referrals' events leave it (the platform applies them on consume). */
  async function careRow(patient: string, org: string, reason: 'referrer' | 'step-provider', scope: string, endedAt: Date | null): Promise<void> {
    await service.dataSource.query(
      `INSERT INTO "consultations"."care_relationship" (patient_subject_id, organisation_id, reason, scope, since, ended_at, source_event_id, source_event_type, identity_verified)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'referrals.matrix', true)`,
      [patient, org, reason, scope, new Date(Date.parse(service.clock.now()) - 300 * DAY), endedAt, `mx-${randomUUID()}`],
    );
  }

  async function ask(requester: string, serviceId: string, patient: string): Promise<string> {
    await careRow(patient, requester, 'referrer', `referral:ref-${requester}-${patient}`, null);
    const response = await (await service.as(practiceClinician(requester))).post('/consultations').send(validRequest({ consultationService: serviceId, patient: { subjectId: patient, consent: 'recorded' } }));
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  /** One person with two consultations — the fixture organisation's ("own") and one between two others ("other"). */
  async function build(place: Place, type: OrganisationType, index: number): Promise<MatrixFixture> {
    const org = `MXC${String(index).padStart(3, '0')}`;
    const patient = `p-mx-${randomUUID()}`;
    const stranger = `p-mx-${randomUUID()}`;
    if (place === 'consulting' || place === 'redirected') await (await service.as(serviceAdmin(org))).put(`/offerings/${org}`).send(validOffering).expect(200);
    const own = place === 'requester' ? await ask(org, ASKED_SERVICE, patient) : await ask(ASKING_PRACTICE, place === 'consulting' || place === 'redirected' ? org : ASKED_SERVICE, patient);
    if (place === 'redirected') {
      await (await service.as(serviceAdmin(org))).post(`/consultations/${own}/redirect`).send({ toService: OTHER_SERVICE, reason: 'Matrix: closer service' }).expect(200);
    }
    if (place === 'ended-care') await careRow(patient, org, 'step-provider', `episode:e-mx-${patient}`, new Date(Date.parse(service.clock.now()) - 200 * DAY));
    const other = await ask(OTHER_PRACTICE, OTHER_SERVICE, patient);
    const kind = KIND_OF[place];
    const kindsOf = (id: string): RelationshipKind[] => {
      if (id === own) return place === 'ended-care' || place === 'stranger' ? [] : [kind];
      if (id === other || id === stranger) return [];
      // The person as a whole: only the care relationships referrals' events made (the consultation kinds reach no further).
      if (id === patient) return place === 'requester' ? ['referrer'] : place === 'ended-care' ? ['provider-expired'] : [];
      throw new Error(`unknown id ${id}`);
    };
    return {
      kind,
      organisationType: type,
      organisationId: org,
      consentToShare: false,
      kindsOf,
      awaitingTriage: () => false,
      ids: { consultation: { own, other }, patient: { own: patient, other: stranger } },
    };
  }

  it(
    'finds 0 false allows and 0 false denies over every consultations route × organisation type × role class × requester / consulting / redirected / ended care / stranger × own / other consultation of the same person × break-glass',
    async () => {
      const started = Date.now();
      const now = Date.parse(service.clock.now());
      const pairs = PLACES.flatMap((place) => ORGANISATION_TYPES.map((type) => [place, type] as const));
      const fixtures: MatrixFixture[] = [];
      const places = new Map<MatrixFixture, Place>();
      for (let i = 0; i < pairs.length; i += 8) {
        const built = await Promise.all(pairs.slice(i, i + 8).map(async ([place, type], j) => [place, await build(place, type, i + j)] as const));
        for (const [place, fixture] of built) {
          fixtures.push(fixture);
          places.set(fixture, place);
        }
      }
      const roles = policyRoleClasses();
      const all: MatrixCombination[] = fixtures
        .flatMap((fixture) => enumerateCombinations([fixture], [...routesFor(places.get(fixture)!, now), ...requestRoutes(fixture)], roles))
        .filter((c) => !c.breakGlass || BREAK_GLASS_ROUTES.has(c.route.name));
      const combinations = all.filter((c) => routeRoles(c.route).includes(c.role));
      const report = await runAccessMatrixOverHttp(
        { server: service.app.getHttpServer() as Server, store: service.store, bearer: (who) => service.issuer.bearer(who) },
        combinations,
      );
      console.log(describeMatrixReport('consultations', report, fixtures.length, (Date.now() - started) / 1000));
      expect(report.mismatches).toEqual([]);
      expect(report.falseAllows).toBe(0);
      expect(report.falseDenies).toBe(0);
      expect(report.wrongStatus + report.wrongEvents).toBe(0);
      // Every outcome the policy can give here is exercised, not just refusals (no consultations action is break-glass).
      expect(Math.min(report.allowed, report.notFound, report.forbidden, report.readOnly)).toBeGreaterThan(0);
    },
    900_000,
  );

  it('turns away a role no policy cell grants a route’s action with 403 FORBIDDEN_ROLE before looking at any record, writing nothing', async () => {
    const routes = [...routesFor('requester', Date.parse(service.clock.now())), ...routesFor('consulting', Date.parse(service.clock.now())).filter((r) => r.action === 'consultation.work' && /close|messages|calls/.test(r.name))];
    const gated: Array<{ route: MatrixRoute; role: Role }> = [];
    for (const route of routes) {
      const gate = routeRoles(route);
      for (const role of policyRoleClasses()) {
        // The gate never removes a role the table grants this action for any kind (no consultations action is a break-glass one).
        const granted = Object.values(ACCESS_POLICY).some((kind) => kind.grants[route.action]?.roles.includes(role));
        if (granted) expect({ route: route.name, action: route.action, role, gated: !gate.includes(role) }).toEqual({ route: route.name, action: route.action, role, gated: false });
        if (!gate.includes(role)) gated.push({ route, role });
      }
    }
    expect(gated.length).toBeGreaterThan(0);
    const patient = `p-mx-${randomUUID()}`;
    const id = await ask(ASKING_PRACTICE, ASKED_SERVICE, patient);
    const before = (await service.allEvents()).length;
    for (const { route, role } of gated) {
      // The consultation's own service, with a role the route does not serve: the same 403 as anyone's.
      const agent = await service.as({ user: `u-mx-gate-${role}`, org: ASKED_SERVICE, orgType: 'psychotherapy-consultation', roles: [role] });
      const call = route.method === 'get' ? agent.get(route.path(id)) : agent.post(route.path(id)).set(route.headers ?? {}).send(route.body as object);
      const response = await call;
      expect({ route: route.name, role, status: response.status, code: response.body.code as unknown }).toEqual({ route: route.name, role, status: 403, code: 'FORBIDDEN_ROLE' });
    }
    expect((await service.allEvents()).length).toBe(before);
  });

  it('shows the consulting service what the request shared and nothing else of the person', async () => {
    const patient = `p-mx-${randomUUID()}`;
    const request = validRequest({ consultationService: ASKED_SERVICE, patient: { subjectId: patient, consent: 'recorded' }, sharedMeasureIds: ['series-mx-phq9'] });
    await careRow(patient, ASKING_PRACTICE, 'referrer', `referral:ref-mx-${patient}`, null);
    const created = await (await service.as(practiceClinician(ASKING_PRACTICE))).post('/consultations').send(request).expect(201);
    const other = await ask(OTHER_PRACTICE, OTHER_SERVICE, patient);
    const specialist = await service.as({ user: 'u-mx-specialist', org: ASKED_SERVICE, orgType: 'psychotherapy-consultation', roles: ['clinician'] });
    const read = await specialist.get(`/consultations/${created.body.id as string}`).expect(200);
    // Exactly what the requester chose to share: the question, the context and measure REFERENCES (no values).
    expect(read.body).toMatchObject({ question: request.question, context: request.context, sharedMeasureIds: ['series-mx-phq9'] });
    // The person's other consultation, and the person's care as a whole (asking about them), are closed to it.
    expect((await specialist.get(`/consultations/${other}`).expect(404)).body.code).toBe('CONSULTATION_NOT_FOUND');
    expect((await specialist.post('/consultations').send({ ...request, consultationService: OTHER_SERVICE }).expect(404)).body.code).toBe('PATIENT_NOT_FOUND');
  });
});
