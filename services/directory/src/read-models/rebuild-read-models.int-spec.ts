import { randomUUID } from 'node:crypto';
import { createTestIssuer } from '@stepwell/access/testing';
import { rebuildReadModels } from '@stepwell/service-host';
import { loadDirectoryConfig } from '../config';
import { DEBT_EDITOR, DEBT_WORKER, LINK_WORKER, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';
import { DIRECTORY_REBUILD } from './rebuild-read-models';

/** Every directory table a projection fills, with the order that makes two snapshots comparable. */
const TABLES = {
  listings: 'id',
  services: 'id',
  locations: 'id',
  service_at_locations: 'id',
  social_prescriptions: 'id',
  community_referrals: 'prescription_id, made_at',
} as const;

describe('rebuilding the directory read models (npm run rebuild -- directory)', () => {
  let service: DirectoryTestApp;
  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_rebuild');
  });
  afterAll(() => service.close());

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const [table, key] of Object.entries(TABLES)) tables[table] = await service.dataSource.query(`SELECT * FROM "directory"."${table}" ORDER BY ${key}`);
    return tables;
  }

  /** A social prescription to `serviceId`, answered by the community organisation (accepted or declined). */
  async function prescription(serviceId: string, accept: boolean): Promise<void> {
    const lw = await service.as(LINK_WORKER);
    const id = (
      await lw
        .post('/social-prescriptions')
        .send({ patient_subject_id: `p-${randomUUID()}`, source: 'self', person: { name: 'A Person', contact: { method: 'letter', value: '1 High St' } }, reason: 'Debts', consent_to_share_with: [DEBT_WORKER.org] })
        .expect(201)
    ).body.id as string;
    await lw
      .post(`/social-prescriptions/${id}/what-matters`)
      .send({ goals: [{ id: 'g-1', domain: 'money-and-debt', description: 'Budget', share_with_community: true }], baseline: { measure: 'SWEMWBS', score: 20, taken_on: service.clock.now().slice(0, 10) } })
      .expect(200);
    await lw.post(`/social-prescriptions/${id}/community-referral`).send({ service_id: serviceId, asks: 'Debt advice', shared_goal_ids: ['g-1'] }).expect(200);
    const debt = await service.as(DEBT_WORKER);
    if (accept) await debt.post(`/social-prescriptions/${id}/accept`).expect(200);
    else await debt.post(`/social-prescriptions/${id}/decline`).send({ reason: 'not-eligible' }).expect(200);
  }

  it('gives the same listings, social prescriptions and community referrals as the live projections, from the event store alone', async () => {
    const editor = await service.as(DEBT_EDITOR);
    const org = (await editor.post('/organizations').send({ name: 'Truro Debt Help', description: 'Free debt advice.' }).expect(201)).body.id as string;
    const serviceId = (await editor.post('/services').send({ organization_id: org, name: 'Debt clinic', description: 'Weekly debt clinic.', status: 'active' }).expect(201)).body.id as string;
    await editor.put(`/services/${serviceId}/capacity`).send({ places_free: 2, wait_days: 7 }).expect(200);
    await prescription(serviceId, true);
    await prescription(serviceId, false);
    await service.settled();

    const live = await snapshot();
    expect(live['social_prescriptions']).toHaveLength(2);
    expect(live['community_referrals']).toHaveLength(2);
    expect((live['services'] as Array<{ id: string }>).some((row) => row.id === serviceId)).toBe(true);

    // Wreck the tables, then rebuild them as `npm run rebuild -- directory` does.
    for (const table of Object.keys(TABLES).reverse()) await service.dataSource.query(`DELETE FROM "directory"."${table}"`);
    const config = loadDirectoryConfig(undefined, { DATABASE_URL: service.database.url, ...createTestIssuer().env });
    const results = await rebuildReadModels(DIRECTORY_REBUILD, config);
    const head = await service.store.headPosition();
    expect(results.map((result) => result.position)).toEqual(results.map(() => head));
    expect(await snapshot()).toEqual(live);
  });
});
