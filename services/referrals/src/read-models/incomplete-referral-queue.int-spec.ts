import { createTestIssuer, users } from '@stepwell/access/testing';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource } from 'typeorm';
import { loadReferralsConfig } from '../config';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { ReferralQueueRow } from './referral-queue.entity';
import { rebuildReferralsReadModels } from './rebuild-read-models';

/**
 * The triage queue's projection of incomplete referrals (issue 12 item 9), through the platform's ProjectionRunner:
 * the live rows after each write (handlers wait on the runner for their own position) and a rebuild from the log.
 */
describe('the triage queue projection of incomplete referrals', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('incomplete_queue');
  });
  afterAll(() => service.close());

  const rowsOf = (ids: string[]) =>
    service.app
      .get(DataSource)
      .getRepository(ReferralQueueRow)
      .find({ order: { referralId: 'ASC' } })
      .then((rows) => rows.filter((row) => ids.includes(row.referralId)));
  const incompleteForm = (seed: number, omit: string[], risk: Record<string, unknown>) => {
    const form: Record<string, unknown> = { ...referralFor(seed), riskIndicators: risk };
    for (const field of omit) delete form[field];
    return form;
  };

  it('projects incomplete rows flagged urgent with their missing answers, clears them on completion, and rebuilds to the same rows', async () => {
    const routine = await service.http().post('/referrals').send(referralFor(9301)).expect(201);
    const noUrgency = await service.http().post('/referrals').send(incompleteForm(9302, ['urgency', 'reason'], { selfHarm: true, suicidalThoughts: false, harmToOthers: false })).expect(202);
    const noReason = await service
      .http()
      .post('/referrals')
      .send({ ...incompleteForm(9303, ['reason', 'presentingProblems'], { suicidalThoughts: true, selfHarm: false, harmToOthers: false }), urgency: 'routine' })
      .expect(202);
    const ids = [routine.body.id as string, noUrgency.body.id as string, noReason.body.id as string];
    const runner = service.app.get(ProjectionRunner);
    expect(runner).toBeInstanceOf(ProjectionRunner);

    const byId = async () => new Map((await rowsOf(ids)).map((row) => [row.referralId, row]));
    let rows = await byId();
    expect(rows.get(ids[0]!)).toMatchObject({ incomplete: false, missingFields: [], urgentTriage: false, urgency: 'routine', urgencyRank: 2 });
    // No urgency given: ranks with crisis; the risk answer makes it urgent triage.
    expect(rows.get(ids[1]!)).toMatchObject({ incomplete: true, missingFields: ['urgency', 'reason'], urgentTriage: true, urgency: null, urgencyRank: 0, status: 'awaiting-triage' });
    expect(rows.get(ids[2]!)).toMatchObject({ incomplete: true, missingFields: ['reason', 'presentingProblems'], urgentTriage: true, urgency: 'routine', urgencyRank: 2 });

    // The queue route orders them: both incomplete (urgent) rows before the routine one.
    const queue = await (await service.as(users.therapist)).get('/referrals').query({ organisation: 'RXT01', pageSize: 200 }).expect(200);
    const order = (queue.body.items as Array<{ id: string }>).map((item) => item.id).filter((id) => ids.includes(id));
    expect(order).toEqual([ids[1], ids[2], ids[0]]);

    await service.http().post(`/referrals/${ids[1]!}/complete`).set('If-Match', '"2"').send({ urgency: 'urgent', reason: 'Cutting, worsening' }).expect(200);
    rows = await byId();
    expect(rows.get(ids[1]!)).toMatchObject({ incomplete: false, missingFields: [], urgentTriage: true, urgency: 'urgent', urgencyRank: 1 });

    const live = await rowsOf(ids);
    // Wreck the rows, then rebuild from the event store as `npm run rebuild -- referrals` does.
    await service.app.get(DataSource).getRepository(ReferralQueueRow).clear();
    await rebuildReferralsReadModels(loadReferralsConfig(undefined, { DATABASE_URL: service.database.url, ...createTestIssuer().env }));
    expect(await rowsOf(ids)).toEqual(live);
  });
});
