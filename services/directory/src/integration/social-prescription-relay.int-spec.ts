import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DEBT_EDITOR, DEBT_WORKER, LINK_WORKER, startDirectoryTestApp, type DirectoryTestApp } from '../testing/directory-test-app';

interface BusMessage {
  value: string;
}

/** The directory relays its social prescription events to stepwell.directory.events (here on the PostgreSQL transport). */
describe('the directory relay', () => {
  let service: DirectoryTestApp;
  let pool: Pool;

  beforeAll(async () => {
    service = await startDirectoryTestApp('directory_relay');
    pool = new Pool({ connectionString: service.database.url, max: 1 });
  });
  afterAll(async () => {
    await pool?.end();
    await service?.close();
  });

  /** The topic's messages about one prescription, once there are `count` of them (polled with a deadline, as referrals' relay test). */
  async function published(prescriptionId: string, count: number): Promise<Array<{ type: string; patientSubjectId: string; data: Record<string, unknown> }>> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { rows } = await pool.query<BusMessage>(
        `SELECT value FROM message_bus.messages WHERE topic = 'stepwell.directory.events' AND value::jsonb -> 'data' ->> 'prescriptionId' = $1
         ORDER BY published_at, "offset"`,
        [prescriptionId],
      );
      if (rows.length >= count) return rows.map((row) => JSON.parse(row.value) as { type: string; patientSubjectId: string; data: Record<string, unknown> });
      if (Date.now() > deadline) throw new Error(`Only ${rows.length} of ${count} messages published for the prescription`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('publishes a direct referral made and accepted as the directory v1 contracts, with ids and codes only', async () => {
    const editor = await service.as(DEBT_EDITOR);
    const org = (await editor.post('/organizations').send({ name: 'Kernow Debt Advice', description: 'Free debt advice.' }).expect(201)).body.id as string;
    const serviceId = (await editor.post('/services').send({ organization_id: org, name: 'Debt advice', description: 'Advice.', status: 'active' }).expect(201)).body.id as string;
    const lw = await service.as(LINK_WORKER);
    const patient = `p-${randomUUID()}`;
    const id = (
      await lw
        .post('/social-prescriptions')
        .send({ patient_subject_id: patient, source: 'gp', source_organisation_id: 'A81001', person: { name: 'Relay Person', contact: { method: 'phone', value: '07700 900999' } }, reason: 'Rent arrears and low mood', consent_to_share_with: [DEBT_WORKER.org] })
        .expect(201)
    ).body.id as string;
    await lw.post(`/social-prescriptions/${id}/what-matters`).send({ goals: [{ id: 'g-1', domain: 'money-and-debt', description: 'Clear the arrears', share_with_community: true }], baseline: { measure: 'SWEMWBS', score: 16, taken_on: service.clock.now().slice(0, 10) } }).expect(200);
    await lw.post(`/social-prescriptions/${id}/community-referral`).send({ service_id: serviceId, asks: 'A debt plan please', shared_goal_ids: ['g-1'], safety_notes: 'Lives alone' }).expect(200);
    await (await service.as(DEBT_WORKER)).post(`/social-prescriptions/${id}/accept`).expect(200);

    const messages = await published(id, 3);
    expect(messages).toEqual([
      // The baseline as a total for outcomes and the journey (never the goals).
      expect.objectContaining({
        type: 'directory.wellbeing-measure-recorded',
        patientSubjectId: patient,
        data: expect.objectContaining({ prescriptionId: id, timing: 'baseline', measure: 'SWEMWBS', total: 16, ons4Items: null }),
      }),
      expect.objectContaining({
        type: 'directory.social-prescription-made',
        patientSubjectId: patient,
        data: expect.objectContaining({ prescriptionId: id, serviceId, communityOrganisationId: DEBT_WORKER.org, linkWorkerOrganisationId: LINK_WORKER.org, source: 'gp' }),
      }),
      expect.objectContaining({ type: 'directory.social-prescription-accepted', data: expect.objectContaining({ prescriptionId: id, serviceId }) }),
    ]);
    const text = JSON.stringify(messages);
    for (const secret of ['Relay Person', '07700', 'Rent arrears', 'Clear the arrears', 'A debt plan', 'Lives alone', '"score"']) expect(text).not.toContain(secret);
  });
});
