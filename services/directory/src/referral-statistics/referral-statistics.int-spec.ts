import { randomUUID } from 'node:crypto';
import { NationalDataOptOutChangedV1Contract } from '@stepwell/contracts';
import { createIntegrationEvent } from '@stepwell/messaging';
import { DirectoryOptOutConsumer } from '../integration/referrals-events.consumer';
import { CHARITY_EDITOR, DEBT_EDITOR, DEBT_WORKER, LINK_WORKER, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';

const DAY_MS = 86_400_000;

describe('listing statistics shown to referrers (GET /services/{id}/referral-statistics)', () => {
  let service: DirectoryTestApp;
  let serviceId: string;

  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_referral_stats');
    const editor = await service.as(DEBT_EDITOR);
    const org = (await editor.post('/organizations').send({ name: 'Kernow Debt Advice', description: 'Free debt advice.' }).expect(201)).body.id as string;
    serviceId = (await editor.post('/services').send({ organization_id: org, name: 'Debt advice', description: 'One-to-one debt advice.', status: 'active' }).expect(201)).body.id as string;
    await editor.put(`/services/${serviceId}/capacity`).send({ places_free: 3, wait_days: 10 }).expect(200);
  });
  afterAll(() => service.close());

  /** One direct referral made now and answered `days` later (accepted or declined), on the test clock; the person's id. */
  async function answered(days: number, accept: boolean, to = serviceId): Promise<string> {
    const patientSubjectId = `p-${randomUUID()}`;
    const lw = await service.as(LINK_WORKER);
    const start = Date.parse(service.clock.now());
    service.clock.set(new Date(start).toISOString());
    try {
      const id = (
        await lw
          .post('/social-prescriptions')
          .send({ patient_subject_id: patientSubjectId, source: 'self', person: { name: 'A Person', contact: { method: 'letter', value: '1 High St' } }, reason: 'Debts', consent_to_share_with: [DEBT_WORKER.org] })
          .expect(201)
      ).body.id as string;
      await lw.post(`/social-prescriptions/${id}/what-matters`).send({ goals: [{ id: 'g-1', domain: 'money-and-debt', description: 'Budget', share_with_community: true }], baseline: { measure: 'SWEMWBS', score: 20, taken_on: new Date(start).toISOString().slice(0, 10) } }).expect(200);
      await lw.post(`/social-prescriptions/${id}/community-referral`).send({ service_id: to, asks: 'Debt advice', shared_goal_ids: ['g-1'] }).expect(200);
      service.clock.set(new Date(start + days * DAY_MS).toISOString());
      const debt = await service.as(DEBT_WORKER);
      if (accept) await debt.post(`/social-prescriptions/${id}/accept`).expect(200);
      else await debt.post(`/social-prescriptions/${id}/decline`).send({ reason: 'not-eligible' }).expect(200);
    } finally {
      service.clock.release();
    }
    return patientSubjectId;
  }

  it('shows capacity but suppresses reply time and acceptance under 5 referrals, then shows them', async () => {
    for (const [days, accept] of [[1, true], [2, false], [3, true], [4, false]] as const) await answered(days, accept);
    const lw = await service.as(LINK_WORKER);
    const few = await lw.get(`/services/${serviceId}/referral-statistics`).expect(200);
    expect(few.body).toEqual(
      expect.objectContaining({
        service_id: serviceId,
        usual_reply_days: null,
        accepted_share: null,
        current_wait_days: 10,
        places_free: 3,
        suppressed: [
          { field: 'usual_reply_days', reason: 'fewer-than-5-referrals' },
          { field: 'accepted_share', reason: 'fewer-than-5-referrals' },
        ],
      }),
    );
    for (const [days, accept] of [[5, true], [6, false]] as const) await answered(days, accept);
    const enough = await lw.get(`/services/${serviceId}/referral-statistics`).expect(200);
    expect(enough.body).toEqual(expect.objectContaining({ usual_reply_days: 3.5, accepted_share: 0.5, current_wait_days: 10, places_free: 3, suppressed: [] }));
    expect(JSON.stringify(enough.body)).not.toContain('p-');
  });

  it('leaves a person with a national data opt-out out of the figures (a secondary use), and counts them again when they opt back in', async () => {
    const editor = await service.as(DEBT_EDITOR);
    const org = (await editor.post('/organizations').send({ name: 'Penwith Money Help', description: 'Money advice.' }).expect(201)).body.id as string;
    const other = (await editor.post('/services').send({ organization_id: org, name: 'Money help', description: 'Budgeting help.', status: 'active' }).expect(201)).body.id as string;
    const people: string[] = [];
    for (const [days, accept] of [[1, true], [2, true], [3, false], [4, true], [5, false]] as const) people.push(await answered(days, accept, other));
    const consumer = service.app.get(DirectoryOptOutConsumer) as { onOptOutChanged(event: unknown): Promise<void> };
    const change = (optedOut: boolean) => {
      const changedAt = service.clock.now();
      return createIntegrationEvent(
        NationalDataOptOutChangedV1Contract,
        { optedOut, source: 'national-data-opt-out-service', changedAt },
        { patientSubjectId: people[0] as string, occurredAt: changedAt, correlationId: randomUUID(), causationId: null },
      );
    };
    const lw = await service.as(LINK_WORKER);
    const statistics = async () => (await lw.get(`/services/${other}/referral-statistics`).expect(200)).body as { usual_reply_days: number | null; accepted_share: number | null };
    expect(await statistics()).toMatchObject({ usual_reply_days: 3, accepted_share: 0.6 });
    await consumer.onOptOutChanged(change(true));
    // Four people left: under the small-number threshold, so nothing is shown.
    expect(await statistics()).toMatchObject({ usual_reply_days: null, accepted_share: null });
    await consumer.onOptOutChanged(change(false));
    expect(await statistics()).toMatchObject({ usual_reply_days: 3, accepted_share: 0.6 });
  });

  it('needs a referrer’s token, and answers 404 for an unknown service and 400 for a malformed id', async () => {
    await service.anonymous().get(`/services/${serviceId}/referral-statistics`).expect(401);
    await (await service.as(CHARITY_EDITOR)).get(`/services/${serviceId}/referral-statistics`).expect(403);
    const lw = await service.as(LINK_WORKER);
    await lw.get('/services/no-such-service/referral-statistics').expect(404);
    const bad = await lw.get('/services/bad%20id/referral-statistics').expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
