import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { OrganisationType, RelationshipKind } from '@stepwell/access';
import { describeMatrixReport, enumerateCombinations, type MatrixFixture, type MatrixRoute, policyRoleClasses, runAccessMatrixOverHttp } from '@stepwell/access/testing';
import type { TestUser } from '@stepwell/access/testing';
import { DEBT_EDITOR, DEBT_WORKER, LINK_WORKER, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';

/**
 * Issue 17 item 3, generated: the social prescription routes × relationship (none, the link worker's organisation as
 * record-holder, the community organisation as social-prescription-recipient) × a sample of organisation types ×
 * every role class × own/other prescription × break-glass, each decided by the library's oracle from `ACCESS_POLICY`
 * (never the guard) and sent over HTTP. Writes go with a stale If-Match, so an allowed write is decided and then
 * refused 412 with nothing written; a refusal writes one `AccessRefused` and nothing else. Organisation types are
 * sampled (voluntary sector, a GP practice for direct care, a commissioner) to keep the run to seconds.
 */
describe('access matrix: social prescriptions (directory)', () => {
  let service: DirectoryTestApp;
  let debtServiceId: string;
  let other: string;
  const today = (): string => service.clock.now().slice(0, 10);
  const conversation = () => ({
    goals: [{ id: 'g-debt', domain: 'money-and-debt', description: 'Rent arrears', share_with_community: true }],
    baseline: { measure: 'SWEMWBS', score: 18, taken_on: today() },
  });

  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_access_matrix');
    debtServiceId = await listService(DEBT_EDITOR);
    other = await prescribe(LINK_WORKER, debtServiceId, DEBT_WORKER.org);
  }, 120_000);
  afterAll(() => service.close());

  /** A service listed by `editor`'s organisation (a directory editor, or a directory administrator for a commissioner). */
  async function listService(editor: TestUser): Promise<string> {
    const agent = await service.as(editor);
    const org = (await agent.post('/organizations').send({ name: `Org ${editor.org}`, description: 'Matrix fixture.' }).expect(201)).body.id as string;
    return (await agent.post('/services').send({ organization_id: org, name: 'Service', description: 'Matrix fixture.', status: 'active' }).expect(201)).body.id as string;
  }

  /** A prescription held by `linkWorker`'s organisation, referred to `serviceId` (owned by `recipient`). */
  async function prescribe(linkWorker: TestUser, serviceId: string, recipient: string): Promise<string> {
    const lw = await service.as(linkWorker);
    const id = (
      await lw
        .post('/social-prescriptions')
        .send({ patient_subject_id: `p-${randomUUID()}`, source: 'self', person: { name: 'Matrix Person', contact: { method: 'phone', value: '07700 900000' } }, reason: 'Matrix', consent_to_share_with: [recipient] })
        .expect(201)
    ).body.id as string;
    await lw.post(`/social-prescriptions/${id}/what-matters`).send(conversation()).expect(200);
    await lw.post(`/social-prescriptions/${id}/community-referral`).send({ service_id: serviceId, asks: 'Help', shared_goal_ids: ['g-debt'] }).expect(200);
    return id;
  }

  let seed = 0;
  async function build(kind: RelationshipKind, type: OrganisationType): Promise<MatrixFixture | null> {
    const org = `MX${type === 'voluntary-sector' ? 'V' : type === 'commissioner' ? 'C' : type === 'gp-practice' ? 'G' : 'T'}${String(++seed).padStart(3, '0')}`;
    let own: string;
    if (kind === 'record-holder') {
      // A commissioner cannot hold one: creating is refused before anything is written (see the API test).
      if (type === 'commissioner') return null;
      own = await prescribe({ user: `u-mx-lw-${org}`, org, orgType: type, roles: ['link-worker'] }, debtServiceId, DEBT_WORKER.org);
    } else if (kind === 'social-prescription-recipient') {
      const editor: TestUser = { user: `u-mx-ed-${org}`, org, orgType: type, roles: [type === 'commissioner' ? 'directory-admin' : 'directory-editor'] };
      own = await prescribe(LINK_WORKER, await listService(editor), org);
    } else {
      own = await prescribe(LINK_WORKER, debtServiceId, DEBT_WORKER.org);
    }
    return {
      kind,
      organisationType: type,
      organisationId: org,
      consentToShare: false,
      kindsOf: (id) => (id === own && kind !== 'none' ? [kind] : []),
      awaitingTriage: () => false,
      ids: { prescription: { own, other } },
    };
  }

  const STALE = { 'If-Match': '"999"' };
  const write = (name: string, action: MatrixRoute['action'], path: string, body: unknown): MatrixRoute => ({
    name,
    action,
    method: 'post',
    targetIdKind: 'prescription',
    targets: ['own', 'other'],
    path: (id) => `/social-prescriptions/${id}/${path}`,
    body,
    headers: STALE,
    allowedStatus: 412,
  });
  const routes = (): MatrixRoute[] => [
    { name: 'GET /social-prescriptions/{id}', action: 'social-prescription.read', method: 'get', targetIdKind: 'prescription', targets: ['own', 'other'], path: (id) => `/social-prescriptions/${id}`, allowedStatus: 200 },
    write('POST …/what-matters', 'social-prescription.manage', 'what-matters', conversation()),
    write('POST …/accept', 'social-prescription.respond', 'accept', undefined),
    write('POST …/progress', 'social-prescription.record-progress', 'progress', { step: 'waiting', on: today() }),
  ];

  it(
    'finds 0 false allows and 0 false denies, each refusal writing one AccessRefused and nothing else',
    async () => {
      const started = Date.now();
      const fixtures: MatrixFixture[] = [];
      for (const kind of ['none', 'record-holder', 'social-prescription-recipient'] as const) {
        for (const type of ['voluntary-sector', 'gp-practice', 'commissioner'] as const) {
          const fixture = await build(kind, type);
          if (fixture) fixtures.push(fixture);
        }
      }
      const combinations = enumerateCombinations(fixtures, routes(), policyRoleClasses());
      const report = await runAccessMatrixOverHttp(
        { server: service.app.getHttpServer() as Server, store: service.store, bearer: (who) => service.issuer.bearer(who) },
        combinations,
      );
      console.log(describeMatrixReport('directory social prescriptions', report, fixtures.length, (Date.now() - started) / 1000));
      expect(report.mismatches).toEqual([]);
      expect(report.falseAllows).toBe(0);
      expect(report.falseDenies).toBe(0);
      expect(Math.min(report.allowed, report.notFound, report.forbidden, report.readOnly)).toBeGreaterThan(0);
    },
    120_000,
  );
});
