import { randomUUID } from 'node:crypto';
import { users, type TestUser } from '@stepwell/access/testing';
import { WellbeingMeasureRecordedV1Contract, type WellbeingMeasureRecordedV1 } from '@stepwell/contracts';
import { createIntegrationEvent, createPostgresTransport, type IntegrationEvent, topicFor } from '@stepwell/messaging';
import { startServiceConsumers } from '@stepwell/service-host';
import { startOutcomesTestApp, type OutcomesTestApp } from '../testing/outcomes-test-app';
import { CommunityWellbeingConsumer } from './directory-events.consumer';

const LINK_WORKER_ORG = 'VS0042';
const DEBT_ADVICE: TestUser = { user: 'u-debt-1', org: 'VS0077', orgType: 'voluntary-sector', roles: ['link-worker', 'admin'] };

/**
 * Issue 17, the closed loop: a social prescription's baseline and follow-up wellbeing measures, published by the
 * directory, are in the person's measures beside their therapy scores — once per message, on either transport — and
 * only for the organisations that may read the person's measures.
 */
describe('social prescriptions’ wellbeing measures in outcomes (directory events, issue 17)', () => {
  let service: OutcomesTestApp;
  let consumer: CommunityWellbeingConsumer;
  beforeAll(async () => {
    service = await startOutcomesTestApp('community_wellbeing');
    consumer = service.app.get(CommunityWellbeingConsumer);
  });
  afterAll(() => service.close());

  const measure = (patientSubjectId: string | null, prescriptionId: string, data: Partial<WellbeingMeasureRecordedV1>): IntegrationEvent<WellbeingMeasureRecordedV1> => {
    const recordedAt = data.recordedAt ?? service.clock.now();
    return createIntegrationEvent(
      WellbeingMeasureRecordedV1Contract,
      { prescriptionId, linkWorkerOrganisationId: LINK_WORKER_ORG, timing: 'baseline', measure: 'SWEMWBS', total: 17, ons4Items: null, takenOn: recordedAt.slice(0, 10), recordedAt, ...data },
      { patientSubjectId, occurredAt: recordedAt, correlationId: randomUUID(), causationId: null },
    );
  };
  const daysAgo = (n: number) => new Date(Date.parse(service.clock.now()) - n * 86_400_000).toISOString();

  it('lists the baseline and follow-up SWEMWBS beside the therapy scores, with the metric score; a redelivery adds nothing', async () => {
    const { patient } = await service.openTherapistEpisode();
    const prescriptionId = randomUUID();
    const baseline = measure(patient, prescriptionId, { timing: 'baseline', total: 17, recordedAt: daysAgo(40) });
    const followUp = measure(patient, prescriptionId, { timing: 'follow-up', total: 23, recordedAt: daysAgo(2) });
    for (const message of [followUp, baseline, followUp, baseline]) await consumer.onWellbeingMeasureRecorded(message);

    const series = await service.http().get(`/patients/${patient}/measures?code=SWEMWBS`).expect(200);
    expect(series.body).toMatchObject({ code: 'SWEMWBS', items: [], total: 0 });
    expect(series.body.communityMeasures).toEqual([
      { prescriptionId, linkWorkerOrganisationId: LINK_WORKER_ORG, timing: 'baseline', total: 17, metricScore: 16.88, ons4Items: null, takenOn: daysAgo(40).slice(0, 10), recordedAt: daysAgo(40) },
      { prescriptionId, linkWorkerOrganisationId: LINK_WORKER_ORG, timing: 'follow-up', total: 23, metricScore: 20.73, ons4Items: null, takenOn: daysAgo(2).slice(0, 10), recordedAt: daysAgo(2) },
    ]);
    // Other measures' series carry none of them.
    const phq9 = await service.http().get(`/patients/${patient}/measures?code=PHQ-9`).expect(200);
    expect(phq9.body.communityMeasures).toEqual([]);
  });

  it('keeps ONS4 item by item, and ignores a message naming nobody', async () => {
    const { patient } = await service.openTherapistEpisode();
    await consumer.onWellbeingMeasureRecorded(measure(patient, randomUUID(), { measure: 'ONS4', total: null, ons4Items: [6, 7, 5, 4] }));
    await consumer.onWellbeingMeasureRecorded(measure(null, randomUUID(), {}));
    const series = await service.http().get(`/patients/${patient}/measures?code=ONS4`).expect(200);
    expect(series.body.communityMeasures).toEqual([expect.objectContaining({ total: null, metricScore: null, ons4Items: [6, 7, 5, 4] })]);
    const rows = await service.dataSource.query(`SELECT count(*)::int AS n FROM "outcomes"."community_wellbeing_measure" WHERE patient_subject_id IS NULL OR patient_subject_id = ''`);
    expect(rows[0].n).toBe(0);
  });

  it('shows the community organisation and the link worker’s organisation nothing of the person’s measures (404 as for a stranger)', async () => {
    const { patient } = await service.openTherapistEpisode();
    await consumer.onWellbeingMeasureRecorded(measure(patient, randomUUID(), {}));
    await (await service.as(DEBT_ADVICE)).get(`/patients/${patient}/measures?code=SWEMWBS`).expect(404);
    await (await service.as(users.linkWorker)).get(`/patients/${patient}/measures?code=SWEMWBS`).expect(404);
  });

  it('takes the measure published on the directory topic of the PostgreSQL transport', async () => {
    await startServiceConsumers(service.app);
    const { patient } = await service.openTherapistEpisode();
    const message = measure(patient, randomUUID(), { timing: 'follow-up', total: 25 });
    const producer = await createPostgresTransport({ connectionString: service.database.url });
    try {
      await producer.publisher().publish(topicFor('directory'), [message]);
    } finally {
      await producer.close();
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      const series = await service.http().get(`/patients/${patient}/measures?code=SWEMWBS`).expect(200);
      if ((series.body.communityMeasures as unknown[]).length === 1) {
        expect(series.body.communityMeasures[0]).toMatchObject({ timing: 'follow-up', total: 25, metricScore: 22.35 });
        break;
      }
      if (Date.now() > deadline) throw new Error('the directory message was not consumed within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
